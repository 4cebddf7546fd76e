namespace GtmGuard.Sync.Quotas;

/// <summary>The <c>window</c> label values: bounded, one per kind of vendor window.</summary>
internal static class QuotaWindowNames
{
    public const string TenSecond = "ten_second";
    public const string Daily = "daily";
    public const string Hourly = "hourly";
    public const string Search = "search";
    public const string Workspace = "workspace";
}
