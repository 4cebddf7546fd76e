using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors;

/// <summary>How one vendor call (or one logical write made of several calls) ended: an outcome, never an exception.</summary>
/// <param name="Outcome">The closed outcome that drives retry, dead-lettering and metrics.</param>
/// <param name="StatusCode">The vendor's HTTP status, when a response arrived.</param>
/// <param name="Error">The vendor's error message or what went wrong on the way; never a credential.</param>
public record VendorResult(VendorOutcome Outcome, int? StatusCode = null, string? Error = null)
{
    /// <summary>True when <see cref="Outcome"/> is <see cref="VendorOutcome.Success"/>.</summary>
    public bool IsSuccess => Outcome == VendorOutcome.Success;
}

/// <summary>A vendor call's outcome and, on success, its value.</summary>
public sealed record VendorResult<T>(VendorOutcome Outcome, T? Value, int? StatusCode = null, string? Error = null)
    : VendorResult(Outcome, StatusCode, Error);
