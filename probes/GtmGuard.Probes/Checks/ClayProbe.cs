using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Clay;

namespace GtmGuard.Probes.Checks;

/// <summary>
/// Clay: the read check is the Public API's <c>GET /me</c> (Clay has no record read); write-and-verify submits a sandbox
/// row to the table's webhook source and verifies Clay accepted it (rows cannot be read back through Clay's API).
/// </summary>
internal sealed class ClayProbe(ClayClient client, IntegrationProbeOptions options) : IIntegrationProbe
{
    public VendorId Integration => VendorId.Clay;

    public async Task<VendorResult> ReadCanaryAsync(CancellationToken cancellationToken)
    {
        var me = await client.GetMeAsync(cancellationToken).ConfigureAwait(false);
        return new VendorResult(me.Outcome, me.StatusCode, me.Error);
    }

    public async Task<VendorResult> WriteAndVerifyAsync(string stamp, CancellationToken cancellationToken)
    {
        var submitted = await client.SubmitRowsAsync([new Dictionary<string, object?> { ["email"] = options.Sandbox, ["gtmguard_probe"] = stamp }], cancellationToken).ConfigureAwait(false);
        return submitted.IsSuccess
            ? new VendorResult(VendorOutcome.Success)
            : new VendorResult(submitted.Outcome, Error: submitted.Failures[0].Error);
    }
}
