using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A seeded mailbox of the configured user: sequence states send from it.</summary>
internal sealed class OutreachMailbox : IOutreachResource
{
    public required long Id { get; init; }

    public string Type => "mailbox";

    public required string Email { get; init; }

    public required long UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt => CreatedAt;

    public JsonObject Attributes() => new()
    {
        ["createdAt"] = OutreachTime.Node(CreatedAt),
        ["email"] = Email,
        ["emailProvider"] = "google",
        ["maxEmailsPerDay"] = 500,
        ["sendDisabled"] = false,
        ["syncDisabled"] = false,
        ["updatedAt"] = OutreachTime.Node(UpdatedAt),
        ["userId"] = UserId,
        ["username"] = Email,
    };

    public JsonObject Relationships(string baseUrl) => new()
    {
        ["creator"] = OutreachJson.ToOne("user", UserId),
        ["user"] = OutreachJson.ToOne("user", UserId),
    };
}
