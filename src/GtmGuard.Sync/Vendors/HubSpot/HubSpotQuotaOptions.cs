using GtmGuard.Sync.Quotas;

namespace GtmGuard.Sync.Vendors.HubSpot;

/// <summary>HubSpot's limits (vendor-facts §2.5); defaults are a Free/Starter private app's.</summary>
public sealed class HubSpotQuotaOptions : VendorQuotaOptions
{
    /// <summary>Calls per rolling 10 seconds (Starter 100, Professional/Enterprise 190, public OAuth apps 110).</summary>
    public int TenSecondLimit { get; set; } = 100;

    /// <summary>Calls per day, reset at midnight (UTC here; HubSpot uses the account's time zone).</summary>
    public long DailyLimit { get; set; } = 250_000;

    /// <summary>Search API calls per second per token; search counts only against this.</summary>
    public int SearchPerSecondLimit { get; set; } = 5;
}
