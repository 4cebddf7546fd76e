namespace GtmGuard.Simulators.Webhooks;

/// <summary>A vendor's delivery retry schedule: the delay before each retry, and which failures are retried.</summary>
public sealed record WebhookRetryPolicy(IReadOnlyList<TimeSpan> Delays, bool RetryOnHttpError, TimeSpan Timeout)
{
    /// <summary>HubSpot: 10 tries over about 24 hours; any 4xx/5xx, a connection failure or more than 5 s counts as failed.</summary>
    public static WebhookRetryPolicy HubSpot { get; } = new(
        [
            TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
            TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromHours(10),
        ],
        RetryOnHttpError: true,
        Timeout: TimeSpan.FromSeconds(5));

    /// <summary>Outreach: network failures retried 3 times at 1-second intervals; non-2xx answers are not retried.</summary>
    public static WebhookRetryPolicy Outreach { get; } = new([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], RetryOnHttpError: false, Timeout: TimeSpan.FromSeconds(5));

    /// <summary>Total tries, the first included.</summary>
    public int MaxAttempts => Delays.Count + 1;
}
