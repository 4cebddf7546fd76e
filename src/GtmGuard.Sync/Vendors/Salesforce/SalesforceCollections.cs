using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>
/// sObject Collections upsert (vendor-facts §1.5): <c>PATCH …/composite/sobjects/{SObject}/{ExtField}</c>, 200 records a
/// call, <c>allOrNone:false</c>, one result per record in request order.
/// </summary>
internal sealed class SalesforceCollections
{
    public const int Limit = 200;

    private readonly VendorHttp _http;
    private readonly string _dataPath;

    public SalesforceCollections(VendorHttp http, string dataPath)
    {
        _http = http;
        _dataPath = dataPath;
    }

    public async Task<List<SalesforceRecordResult>> UpsertAsync(
        string sObject, string externalIdField, List<(string ExternalId, Dictionary<string, object?> Fields)> records, CancellationToken cancellationToken)
    {
        var results = new List<SalesforceRecordResult>(records.Count);
        foreach (var chunk in records.Chunk(Limit))
        {
            var body = new JsonObject
            {
                ["allOrNone"] = false,
                ["records"] = new JsonArray(chunk.Select(r =>
                {
                    var json = SalesforceRecords.Json(r.Fields, "Id", "attributes");
                    json["attributes"] = new JsonObject { ["type"] = sObject };
                    return (JsonNode)json;
                }).ToArray()),
            };
            var uri = $"{_dataPath}/composite/sobjects/{Uri.EscapeDataString(sObject)}/{Uri.EscapeDataString(externalIdField)}";
            using var request = VendorRequest.Create(HttpMethod.Patch, uri, "collections.upsert", JsonBody.Of(body));
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                results.AddRange(chunk.Select(r => new SalesforceRecordResult(r.ExternalId, response.Outcome, null, false, response.Error)));
                continue;
            }

            try
            {
                results.AddRange(Read(JsonRead.Array(await response.JsonAsync(cancellationToken).ConfigureAwait(false), "The collection response"), chunk));
            }
            catch (MalformedResponseException ex)
            {
                results.AddRange(chunk.Select(r => new SalesforceRecordResult(r.ExternalId, VendorOutcome.ServerError, null, false, "Malformed success body: " + ex.Message)));
            }
        }

        return results;
    }

    private static IEnumerable<SalesforceRecordResult> Read(JsonArray items, (string ExternalId, Dictionary<string, object?> Fields)[] chunk)
    {
        if (items.Count != chunk.Length)
        {
            throw new MalformedResponseException($"{items.Count} results for {chunk.Length} records.");
        }

        for (var i = 0; i < chunk.Length; i++)
        {
            var item = JsonRead.Object(items[i], "A collection result");
            var success = JsonRead.Bool(item, "success");
            yield return new SalesforceRecordResult(
                chunk[i].ExternalId,
                success ? VendorOutcome.Success : VendorOutcome.Validation,
                JsonRead.OptionalString(item, "id"),
                success && JsonRead.Bool(item, "created"),
                success ? null : Errors(item));
        }
    }

    /// <summary>Collection errors use <c>statusCode</c>, not <c>errorCode</c> (vendor-facts §1.5).</summary>
    private static string Errors(JsonObject item) =>
        item["errors"] is JsonArray errors
            ? string.Join("; ", errors.OfType<JsonObject>().Select(e => $"{JsonRead.OptionalString(e, "statusCode")}: {JsonRead.OptionalString(e, "message")}"))
            : "The record was not written.";
}
