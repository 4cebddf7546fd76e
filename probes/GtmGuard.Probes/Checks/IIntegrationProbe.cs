using GtmGuard.Sync.Vendors;

namespace GtmGuard.Probes.Checks;

/// <summary>The vendor-specific checks of one integration, made through the sync core's typed client.</summary>
internal interface IIntegrationProbe
{
    VendorId Integration { get; }

    /// <summary>Looks up the canary record; NotFound only when the options require the canary.</summary>
    Task<VendorResult> ReadCanaryAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="stamp"/> to the sandbox record and reads it back.</summary>
    Task<VendorResult> WriteAndVerifyAsync(string stamp, CancellationToken cancellationToken);
}
