using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Telemetry;

/// <summary>The <c>outcome</c> and <c>error_type</c> label values: lower snake case, one per outcome.</summary>
public static class OutcomeLabels
{
    public static string Label(this VendorOutcome outcome) => outcome switch
    {
        VendorOutcome.Success => "success",
        VendorOutcome.Unauthorized => "unauthorized",
        VendorOutcome.Validation => "validation",
        VendorOutcome.NotFound => "not_found",
        VendorOutcome.RateLimited => "rate_limited",
        VendorOutcome.ServerError => "server_error",
        VendorOutcome.Timeout => "timeout",
        VendorOutcome.Network => "network",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
