namespace GtmGuard.Sync.Quotas;

/// <summary>A window's state for metrics and tests.</summary>
internal sealed record QuotaWindowState(string Name, long Limit, long Remaining);
