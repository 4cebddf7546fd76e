using GtmGuard.Sync.Quotas;

namespace GtmGuard.Sync.Vendors.Outreach;

/// <summary>Outreach's per-user limit (vendor-facts §3.4): a fixed window that resets on the hour.</summary>
public sealed class OutreachQuotaOptions : VendorQuotaOptions
{
    public int HourlyLimit { get; set; } = 10_000;
}
