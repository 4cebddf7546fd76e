using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors;

/// <summary>What every vendor section (<c>Sync:Vendors:{Vendor}</c>) has: the account, endpoint, token and resilience settings.</summary>
public abstract class VendorOptions
{
    /// <summary>False keeps the section's settings but turns the vendor off (no validation, no client).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Names the vendor account: every client of the same account shares one quota limiter.</summary>
    public string Account { get; set; } = "default";

    /// <summary>The vendor's API base URL (Salesforce: the login URL; data calls go to the token's instance URL).</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Refresh a token this long before its known expiry.</summary>
    public TimeSpan TokenRefreshAhead { get; set; } = TimeSpan.FromMinutes(1);

    public VendorResilienceOptions Resilience { get; set; } = new();

    /// <summary>True when the section exists in configuration; an absent vendor is neither validated nor callable.</summary>
    internal bool Configured { get; set; }
}
