namespace GtmGuard.Sync.Vendors;

/// <summary>The vendors GtmGuard syncs with; the lower-case name is the <c>vendor</c> metric label and config section key.</summary>
public enum VendorId
{
    HubSpot,
    Salesforce,
    Outreach,
    Clay,
}

public static class VendorIdExtensions
{
    /// <summary>The label used in metrics, logs and dead letters: <c>hubspot</c>, <c>salesforce</c>, <c>outreach</c>, <c>clay</c>.</summary>
    public static string Label(this VendorId vendor) => vendor switch
    {
        VendorId.HubSpot => "hubspot",
        VendorId.Salesforce => "salesforce",
        VendorId.Outreach => "outreach",
        VendorId.Clay => "clay",
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, null),
    };
}
