using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Salesforce;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Sync.Workflows.OptOut;

/// <summary>
/// Sets <c>HasOptedOutOfEmail=true</c> on the record with this external id, or else on every record with this email that
/// has an external id; no such record means nothing to do.
/// </summary>
internal sealed class SalesforceOptOutOperation(SalesforceClient client) : IOutboxOperation
{
    public const string Name = "records.optOut";

    private const string Field = "HasOptedOutOfEmail";

    public VendorId Vendor => VendorId.Salesforce;

    public string Operation => Name;

    public async Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var results = new List<OutboxResult>(items.Count);
        foreach (var item in items)
        {
            var payload = WorkflowJson.Read<Payload>(item);
            var request = WorkflowJson.Request("PATCH", $"sobjects/{payload.SObject}/{payload.ExternalIdField}/{{externalId}}", item.Payload);
            var updated = await client.UpdateFieldAsync(payload.SObject, payload.ExternalIdField, payload.ExternalId, Field, true, cancellationToken).ConfigureAwait(false);
            if (updated.Outcome == VendorOutcome.NotFound)
            {
                updated = await ByEmailAsync(payload, cancellationToken).ConfigureAwait(false);
            }

            results.Add(updated.IsSuccess || updated.Outcome == VendorOutcome.NotFound
                ? OutboxResult.Success(item, request, skipped: !updated.IsSuccess)
                : new OutboxResult(item.Id, updated.Outcome, request, updated.StatusCode, updated.Error));
        }

        return results;
    }

    private async Task<VendorResult<SalesforceUpsert>> ByEmailAsync(Payload payload, CancellationToken cancellationToken)
    {
        var email = payload.Email.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        var query = await client.QueryAsync($"SELECT Id, {payload.ExternalIdField} FROM {payload.SObject} WHERE Email = '{email}'", cancellationToken).ConfigureAwait(false);
        if (!query.IsSuccess)
        {
            return new VendorResult<SalesforceUpsert>(query.Outcome, null, query.StatusCode, query.Error);
        }

        VendorResult<SalesforceUpsert> last = new(VendorOutcome.NotFound, null, 404, "No record has this email.");
        foreach (var record in query.Value!.Records)
        {
            // A record made outside this sync (by hand, by another tool) has no external id of ours: its own Id still names it.
            var (field, key) = WorkflowJson.Text(record[payload.ExternalIdField]) is { Length: > 0 } externalId
                ? (payload.ExternalIdField, externalId)
                : ("Id", WorkflowJson.Text(record["Id"]));
            if (key is { Length: > 0 })
            {
                last = await client.UpdateFieldAsync(payload.SObject, field, key, Field, true, cancellationToken).ConfigureAwait(false);
                if (!last.IsSuccess)
                {
                    return last;
                }
            }
        }

        return last;
    }

    /// <summary>The outbox payload: the record's external id and its email as the fallback.</summary>
    public sealed record Payload(string SObject, string ExternalIdField, string ExternalId, string Email);
}
