namespace GtmGuard.Simulators.Webhooks;

/// <summary>One delivery attempt as the delivery log shows it.</summary>
public sealed record WebhookDeliveryAttempt(
    string DeliveryId,
    string SubscriptionId,
    string Target,
    IReadOnlyList<string> EventIds,
    int Attempt,
    string Outcome,
    int? Status,
    DateTimeOffset At,
    double DurationMs,
    bool Duplicate,
    bool SignatureCorrupted,
    string? Error)
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Dropped = "dropped";
    public const string Timeout = "timeout";
    public const string NetworkError = "network";
}
