using System.Text.Json;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Salesforce;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Sync.Workflows.Enrichment;

/// <summary>Records upserted by external id: sObject Collections of 200, Bulk API 2.0 at the configured volume.</summary>
internal sealed class SalesforceUpsertOperation(SalesforceClient client) : IOutboxOperation
{
    public const string Name = "records.upsert";

    public VendorId Vendor => VendorId.Salesforce;

    public string Operation => Name;

    public async Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var results = new List<OutboxResult>();
        var payloads = items.Select(i => (Item: i, Payload: WorkflowJson.Read<Payload>(i))).ToList();
        foreach (var group in payloads.GroupBy(p => (p.Payload.SObject, p.Payload.ExternalIdField)))
        {
            var (sObject, field) = group.Key;
            var records = group.Select(p => (IReadOnlyDictionary<string, object?>)Fields(p.Payload)).ToList();
            var batch = await client.UpsertManyAsync(sObject, field, records, cancellationToken).ConfigureAwait(false);
            var byExternalId = batch.Records.ToDictionary(r => r.ExternalId, StringComparer.OrdinalIgnoreCase);
            var path = batch.UsedBulkApi ? $"jobs/ingest/{batch.BulkJobId}" : $"composite/sobjects/{sObject}/{field}";
            foreach (var (item, payload) in group)
            {
                var request = WorkflowJson.Request(batch.UsedBulkApi ? "PUT" : "PATCH", path, item.Payload);
                results.Add(byExternalId.TryGetValue(payload.ExternalId, out var record) && !record.IsSuccess
                    ? new OutboxResult(item.Id, record.Outcome, request, Error: record.Error)
                    : OutboxResult.Success(item, request));
            }
        }

        return results;
    }

    private static Dictionary<string, object?> Fields(Payload payload)
    {
        var fields = payload.Fields.ToDictionary(f => f.Key, f => Plain(f.Value), StringComparer.Ordinal);
        fields[payload.ExternalIdField] = payload.ExternalId;
        return fields;
    }

    /// <summary>Payload fields come back from JSON as elements; the client wants plain values.</summary>
    private static object? Plain(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement e => e.GetRawText(),
        _ => value,
    };

    /// <summary>The outbox payload: one record of <c>SObject</c> by its external id.</summary>
    public sealed record Payload(string SObject, string ExternalIdField, string ExternalId, Dictionary<string, object?> Fields);
}
