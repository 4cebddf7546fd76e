namespace GtmGuard.Sync.Quotas;

/// <summary>
/// One window of a vendor's quota: <paramref name="Limit"/> calls per <paramref name="Period"/>, either rolling
/// (HubSpot's 10 seconds, Salesforce's 24 hours) or fixed and aligned to UTC (Outreach's clock hour, HubSpot's day).
/// Calls in a <paramref name="Lane"/> other than the default only count against windows of that lane (HubSpot search).
/// </summary>
internal sealed record QuotaWindowSpec(string Name, long Limit, TimeSpan Period, bool Fixed = false, string Lane = "");
