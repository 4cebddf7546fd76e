namespace GtmGuard.Sync.Telemetry;

/// <summary>One quota window of a vendor account as the client-side limiter sees it now.</summary>
public sealed record QuotaReading(string Account, string Window, long Limit, long Remaining);
