using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A seeded sequence; its counters follow the engagement the simulator is told about.</summary>
internal sealed class OutreachSequence : IOutreachResource
{
    public required long Id { get; init; }

    public string Type => "sequence";

    public required string Name { get; init; }

    public required int StepCount { get; init; }

    public required long OwnerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int DeliverCount { get; set; }

    public int OpenCount { get; set; }

    public int ReplyCount { get; set; }

    public int OptOutCount { get; set; }

    public JsonObject Attributes() => new()
    {
        ["bounceCount"] = 0,
        ["clickCount"] = 0,
        ["createdAt"] = OutreachTime.Node(CreatedAt),
        ["deliverCount"] = DeliverCount,
        ["description"] = null,
        ["enabled"] = true,
        ["enabledAt"] = OutreachTime.Node(CreatedAt),
        ["failureCount"] = 0,
        ["locked"] = false,
        ["name"] = Name,
        ["openCount"] = OpenCount,
        ["optOutCount"] = OptOutCount,
        ["replyCount"] = ReplyCount,
        ["sequenceType"] = "interval",
        ["shareType"] = "shared",
        ["stepCount"] = StepCount,
        ["tags"] = new JsonArray(),
        ["updatedAt"] = OutreachTime.Node(UpdatedAt),
    };

    public JsonObject Relationships(string baseUrl) => new()
    {
        ["creator"] = OutreachJson.ToOne("user", OwnerId),
        ["owner"] = OutreachJson.ToOne("user", OwnerId),
        ["sequenceStates"] = OutreachJson.ToMany(baseUrl, "sequenceState", "sequence", Id),
        ["mailings"] = OutreachJson.ToMany(baseUrl, "mailing", "sequence", Id),
    };
}
