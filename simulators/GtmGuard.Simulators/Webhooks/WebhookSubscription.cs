namespace GtmGuard.Simulators.Webhooks;

/// <summary>Where events of some types go, and the secret their deliveries are signed with.</summary>
public sealed record WebhookSubscription(string Id, Uri Target, string Secret, IReadOnlySet<string> EventTypes)
{
    /// <summary>Matches exact types, <c>*</c>, and families such as <c>prospect.*</c>.</summary>
    public bool Accepts(WebhookEvent @event) =>
        EventTypes.Contains("*")
        || EventTypes.Contains(@event.EventType)
        || EventTypes.Any(t => t.EndsWith(".*", StringComparison.Ordinal) && @event.EventType.StartsWith(t[..^1], StringComparison.Ordinal));

    /// <summary>Extra per-subscription settings, e.g. Clay's per-column rate limit.</summary>
    public WebhookRateLimit? RateLimit { get; init; }
}

/// <summary>At most <see cref="Requests"/> deliveries per <see cref="Per"/>, as Clay's HTTP API column allows.</summary>
public sealed record WebhookRateLimit(int Requests, TimeSpan Per);
