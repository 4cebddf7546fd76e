using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;

namespace GtmGuard.Probes.Checks;

/// <summary>HubSpot: the canary looked up by email through the Search API; the sandbox contact's <c>firstname</c> written and read back.</summary>
internal sealed class HubSpotProbe(HubSpotClient client, IntegrationProbeOptions options) : IIntegrationProbe
{
    private const string StampProperty = "firstname";

    public VendorId Integration => VendorId.HubSpot;

    public async Task<VendorResult> ReadCanaryAsync(CancellationToken cancellationToken)
    {
        var found = await client.SearchContactsAsync("email", options.Canary, ["email"], cancellationToken).ConfigureAwait(false);
        return ProbeVerdicts.Lookup(found.Outcome, found.Value is { Count: > 0 }, options.RequireCanary, found.StatusCode, found.Error);
    }

    public async Task<VendorResult> WriteAndVerifyAsync(string stamp, CancellationToken cancellationToken)
    {
        var written = await client.UpsertContactsAsync([new HubSpotContactInput(options.Sandbox, new Dictionary<string, string?> { [StampProperty] = stamp })], cancellationToken).ConfigureAwait(false);
        if (written.Failures.Count > 0)
        {
            return new VendorResult(written.Failures[0].Outcome, Error: written.Failures[0].Error);
        }

        var read = await client.GetContactByEmailAsync(options.Sandbox, [StampProperty], cancellationToken).ConfigureAwait(false);
        return read.IsSuccess ? ProbeVerdicts.ReadBack(read.Value!.Properties.GetValueOrDefault(StampProperty), stamp) : new VendorResult(read.Outcome, read.StatusCode, read.Error);
    }
}
