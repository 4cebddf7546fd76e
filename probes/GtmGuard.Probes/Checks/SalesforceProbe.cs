using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Salesforce;

namespace GtmGuard.Probes.Checks;

/// <summary>Salesforce: the canary looked up by external id with SOQL; the sandbox record's <c>FirstName</c> upserted and queried back.</summary>
internal sealed class SalesforceProbe(SalesforceClient client, SalesforceProbeOptions options) : IIntegrationProbe
{
    private const string StampField = "FirstName";

    public VendorId Integration => VendorId.Salesforce;

    public async Task<VendorResult> ReadCanaryAsync(CancellationToken cancellationToken)
    {
        var found = await client.QueryAsync(Lookup("Id", options.Canary), cancellationToken).ConfigureAwait(false);
        return ProbeVerdicts.Lookup(found.Outcome, found.Value is { Records.Count: > 0 }, options.RequireCanary, found.StatusCode, found.Error);
    }

    public async Task<VendorResult> WriteAndVerifyAsync(string stamp, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, object?> { ["LastName"] = "GtmGuard probe", [StampField] = stamp };
        var written = await client.UpsertAsync(options.SObject, options.ExternalIdField, options.Sandbox, fields, cancellationToken).ConfigureAwait(false);
        if (!written.IsSuccess)
        {
            return new VendorResult(written.Outcome, written.StatusCode, written.Error);
        }

        var read = await client.QueryAsync(Lookup(StampField, options.Sandbox), cancellationToken).ConfigureAwait(false);
        if (!read.IsSuccess)
        {
            return new VendorResult(read.Outcome, read.StatusCode, read.Error);
        }

        return ProbeVerdicts.ReadBack(read.Value!.Records.Count > 0 ? read.Value.Records[0][StampField]?.GetValue<string>() : null, stamp);
    }

    // Object and field names are validated as API names at start-up; the value is quoted SOQL-style.
    private string Lookup(string fields, string externalId) =>
        $"SELECT {fields} FROM {options.SObject} WHERE {options.ExternalIdField} = '{externalId.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}' LIMIT 1";
}
