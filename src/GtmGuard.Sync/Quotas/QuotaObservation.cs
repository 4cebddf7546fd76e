namespace GtmGuard.Sync.Quotas;

/// <summary>What a vendor's usage headers said about one window: calls left, optionally the limit and when it resets.</summary>
internal sealed record QuotaObservation(string Window, long Remaining, long? Limit = null, DateTimeOffset? ResetsAt = null);
