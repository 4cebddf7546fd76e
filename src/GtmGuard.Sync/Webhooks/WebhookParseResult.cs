using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Webhooks;

/// <summary>The events a delivery carries, or why its body cannot be used.</summary>
internal sealed record WebhookParseResult(IReadOnlyList<IncomingEvent> Events, string? Error)
{
    public static WebhookParseResult Ok(IReadOnlyList<IncomingEvent> events) => new(events, null);

    public static WebhookParseResult Malformed(string error) => new([], error);
}
