namespace GtmGuard.Sync.Quotas;

/// <summary>How the client-side limiter queues and paces calls (section <c>Sync:Vendors:{Vendor}:Quota</c>).</summary>
public abstract class VendorQuotaOptions
{
    /// <summary>The longest a call queues for a permit; beyond it the call ends as rate limited without reaching the vendor.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Below this share of a window left, calls are spread out instead of spent in a burst.</summary>
    public double SlowDownBelow { get; set; } = 0.2;
}
