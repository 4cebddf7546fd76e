using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Probes.Checks;

/// <summary>Turns lookups and read-backs into check results the same way for every vendor.</summary>
internal static class ProbeVerdicts
{
    public static VendorResult Lookup(VendorOutcome outcome, bool found, bool requireCanary, int? status, string? error) => outcome switch
    {
        VendorOutcome.Success when found || !requireCanary => new VendorResult(VendorOutcome.Success, status),
        VendorOutcome.Success or VendorOutcome.NotFound when !requireCanary => new VendorResult(VendorOutcome.Success, status),
        VendorOutcome.Success or VendorOutcome.NotFound => new VendorResult(VendorOutcome.NotFound, status, "The canary record was not found."),
        _ => new VendorResult(outcome, status, error),
    };

    public static VendorResult ReadBack(string? read, string stamp) => read == stamp
        ? new VendorResult(VendorOutcome.Success)
        : new VendorResult(VendorOutcome.Validation, Error: "The sandbox record did not read back the value just written.");
}
