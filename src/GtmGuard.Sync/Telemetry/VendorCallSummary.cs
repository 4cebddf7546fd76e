namespace GtmGuard.Sync.Telemetry;

/// <summary>One vendor's calls over a window: how many, how many succeeded, latency, and failures by error type.</summary>
public sealed record VendorCallSummary(
    int Requests,
    int Successes,
    TimeSpan Average,
    TimeSpan P95,
    IReadOnlyDictionary<string, int> ErrorsByType)
{
    /// <summary>Successes over requests; null when there were no requests in the window.</summary>
    public double? SuccessRate => Requests == 0 ? null : (double)Successes / Requests;
}
