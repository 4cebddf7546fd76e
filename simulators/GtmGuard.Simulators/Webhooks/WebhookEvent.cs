using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Webhooks;

/// <summary>
/// Something that happened in a simulator that subscribers may hear about: its id, the record it concerns,
/// when it happened, its type (e.g. <c>contact.propertyChange</c>) and the vendor-shaped event object.
/// </summary>
public sealed record WebhookEvent(string EventId, string RecordKey, string EventType, DateTimeOffset OccurredAt, JsonObject Payload)
{
    /// <summary>When set, only this subscription receives the event (the publisher already matched it, as HubSpot does per subscription).</summary>
    public string? SubscriptionId { get; init; }
}
