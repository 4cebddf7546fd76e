using GtmGuard.Sync.Quotas;

namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>The org's rolling 24-hour API allocation (vendor-facts §1.8); the default is the 100,000 base without license adders.</summary>
public sealed class SalesforceQuotaOptions : VendorQuotaOptions
{
    public long DailyLimit { get; set; } = 100_000;
}
