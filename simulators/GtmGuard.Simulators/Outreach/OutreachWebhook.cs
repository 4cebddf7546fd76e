using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A webhook created through <c>/api/v2/webhooks</c>; while active it is a subscription on the dispatcher.</summary>
internal sealed class OutreachWebhook : IOutreachResource
{
    public required long Id { get; init; }

    public string Type => "webhook";

    public required string Url { get; set; }

    public required string Resource { get; set; }

    public required string Action { get; set; }

    public string? Secret { get; set; }

    public bool Active { get; set; } = true;

    public int PayloadVersion { get; set; } = 1;

    public required long UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The dispatcher subscription id for this webhook.</summary>
    public string SubscriptionId => "outreach-webhook-" + Id.ToString(CultureInfo.InvariantCulture);

    public JsonObject Attributes() => new()
    {
        ["action"] = Action,
        ["active"] = Active,
        ["cleanupToken"] = null,
        ["createdAt"] = OutreachTime.Node(CreatedAt),
        ["creatorAppId"] = null,
        ["creatorAppName"] = null,
        ["disabledReason"] = null,
        ["disabledSince"] = null,
        ["disabledUntil"] = null,
        ["payloadVersion"] = PayloadVersion,
        ["resource"] = Resource,
        ["secret"] = Secret,
        ["updatedAt"] = OutreachTime.Node(UpdatedAt),
        ["url"] = Url,
    };

    public JsonObject Relationships(string baseUrl) => new()
    {
        ["authorizer"] = OutreachJson.ToOne("user", UserId),
    };
}
