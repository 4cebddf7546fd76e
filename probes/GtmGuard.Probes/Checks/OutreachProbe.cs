using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Outreach;

namespace GtmGuard.Probes.Checks;

/// <summary>Outreach: the canary prospect found by email; the sandbox prospect's <c>firstName</c> upserted and read back by id.</summary>
internal sealed class OutreachProbe(OutreachClient client, IntegrationProbeOptions options) : IIntegrationProbe
{
    private const string StampAttribute = "firstName";

    public VendorId Integration => VendorId.Outreach;

    public async Task<VendorResult> ReadCanaryAsync(CancellationToken cancellationToken)
    {
        var found = await client.FindProspectByEmailAsync(options.Canary, cancellationToken).ConfigureAwait(false);
        return ProbeVerdicts.Lookup(found.Outcome, found.IsSuccess, options.RequireCanary, found.StatusCode, found.Error);
    }

    public async Task<VendorResult> WriteAndVerifyAsync(string stamp, CancellationToken cancellationToken)
    {
        var written = await client.UpsertProspectAsync(new OutreachProspectInput(options.Sandbox, new Dictionary<string, object?> { [StampAttribute] = stamp }), cancellationToken).ConfigureAwait(false);
        if (!written.IsSuccess)
        {
            return new VendorResult(written.Outcome, written.StatusCode, written.Error);
        }

        var read = await client.GetProspectAsync(written.Value!.Prospect.Id, cancellationToken).ConfigureAwait(false);
        return read.IsSuccess
            ? ProbeVerdicts.ReadBack(read.Value!.Attributes[StampAttribute]?.GetValue<string>(), stamp)
            : new VendorResult(read.Outcome, read.StatusCode, read.Error);
    }
}
