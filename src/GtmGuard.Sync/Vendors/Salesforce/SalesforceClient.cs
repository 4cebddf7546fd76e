using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>
/// Salesforce REST: upsert by external id (one record, sObject Collections of 200, or Bulk API 2.0 above
/// <see cref="SalesforceOptions.BulkThreshold"/>), update one field by external id, and SOQL queries with paging.
/// Upserts by external id are idempotent: the same input again updates the same records and creates none.
/// </summary>
public sealed partial class SalesforceClient
{
    /// <summary>sObject Collections take at most this many records per call.</summary>
    public const int CollectionLimit = SalesforceCollections.Limit;

    private const string QueryOptionsHeader = "Sforce-Query-Options";

    private readonly VendorHttp _http;
    private readonly SalesforceOptions _options;
    private readonly SalesforceCollections _collections;
    private readonly SalesforceBulkIngest _bulk;
    private readonly ILogger _logger;

    internal SalesforceClient(VendorHttp http, SalesforceOptions options, TimeProvider clock, ILogger<SalesforceClient> logger)
    {
        _http = http;
        _options = options;
        _logger = logger;
        _collections = new SalesforceCollections(http, options.DataPath);
        _bulk = new SalesforceBulkIngest(http, options, clock, logger);
    }

    /// <summary>Creates or updates the one record whose <paramref name="externalIdField"/> is <paramref name="externalId"/>.</summary>
    public async Task<VendorResult<SalesforceUpsert>> UpsertAsync(
        string sObject, string externalIdField, string externalId, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(fields);
        var body = SalesforceRecords.Json(fields, "Id", externalIdField, "attributes");
        using var request = VendorRequest.Create(HttpMethod.Patch, ExternalIdUri(sObject, externalIdField, externalId), "sobjects.upsert", JsonBody.Of(body));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.Failure<SalesforceUpsert>();
        }

        // Before API 46.0 an update answers 204 without a body.
        if (response.Status == 204)
        {
            return new VendorResult<SalesforceUpsert>(VendorOutcome.Success, new SalesforceUpsert(null, false), 204);
        }

        return await VendorHttp.ParseAsync(response, json =>
        {
            var result = JsonRead.Object(json, "The upsert result");
            return new SalesforceUpsert(JsonRead.OptionalString(result, "id"), response.Status == 201 || JsonRead.Bool(result, "created"));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Upserts many records by external id: sObject Collections in chunks of 200 below the bulk threshold, one Bulk API 2.0
    /// job at or above it. Records repeating an external id are merged (later fields win).
    /// </summary>
    public async Task<SalesforceBatchResult> UpsertManyAsync(
        string sObject, string externalIdField, IEnumerable<IReadOnlyDictionary<string, object?>> records, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sObject);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalIdField);
        var merged = SalesforceRecords.Merge(records, externalIdField);
        var result = merged.Count >= _options.BulkThreshold
            ? await _bulk.UpsertAsync(sObject, externalIdField, merged, cancellationToken).ConfigureAwait(false)
            : new SalesforceBatchResult(await _collections.UpsertAsync(sObject, externalIdField, merged, cancellationToken).ConfigureAwait(false));
        LogUpserted(sObject, result.Records.Count, result.CreatedCount, result.Records.Count(r => !r.IsSuccess), result.UsedBulkApi);
        return result;
    }

    /// <summary>
    /// Sets one field (e.g. <c>HasOptedOutOfEmail</c>) on the record with this external id; NotFound when there is none.
    /// Looks the record up first so it never creates one.
    /// </summary>
    public async Task<VendorResult<SalesforceUpsert>> UpdateFieldAsync(
        string sObject, string externalIdField, string externalId, string field, object? value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        using var lookup = VendorRequest.Create(HttpMethod.Get, ExternalIdUri(sObject, externalIdField, externalId) + "?fields=Id", "sobjects.readByExternalId");
        var found = await _http.SendAsync(lookup, json => JsonRead.String(JsonRead.Object(json, "The record"), "Id"), cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return new VendorResult<SalesforceUpsert>(found.Outcome, null, found.StatusCode, found.Error);
        }

        var body = SalesforceRecords.Json(new Dictionary<string, object?> { [field] = value });
        using var update = VendorRequest.Create(HttpMethod.Patch, $"{_options.DataPath}/sobjects/{Uri.EscapeDataString(sObject)}/{Uri.EscapeDataString(found.Value!)}", "sobjects.update", JsonBody.Of(body));
        using var response = await _http.SendAsync(update, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess
            ? new VendorResult<SalesforceUpsert>(VendorOutcome.Success, new SalesforceUpsert(found.Value, false), response.Status)
            : response.Failure<SalesforceUpsert>();
    }

    /// <summary>Runs a SOQL query and follows <c>nextRecordsUrl</c> until <c>done</c>.</summary>
    public async Task<VendorResult<SalesforceQueryResult>> QueryAsync(string soql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(soql);
        var records = new List<JsonObject>();
        long total = 0;
        string? next = $"{_options.DataPath}/query?q={Uri.EscapeDataString(soql)}";
        var operation = "query";
        while (next is not null)
        {
            using var request = VendorRequest.Create(HttpMethod.Get, next, operation);
            if (_options.QueryBatchSize is { } batchSize)
            {
                request.Headers.TryAddWithoutValidation(QueryOptionsHeader, $"batchSize={batchSize}");
            }

            var page = await _http.SendAsync(request, ReadPage, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return new VendorResult<SalesforceQueryResult>(page.Outcome, null, page.StatusCode, page.Error);
            }

            records.AddRange(page.Value!.Records);
            total = page.Value.TotalSize;
            next = page.Value.Next;
            operation = "query.more";
        }

        return new VendorResult<SalesforceQueryResult>(VendorOutcome.Success, new SalesforceQueryResult(records, total));
    }

    private string ExternalIdUri(string sObject, string externalIdField, string externalId) =>
        $"{_options.DataPath}/sobjects/{Uri.EscapeDataString(sObject)}/{Uri.EscapeDataString(externalIdField)}/{Uri.EscapeDataString(externalId)}";

    private static QueryPage ReadPage(JsonNode json)
    {
        var body = JsonRead.Object(json, "The query result");
        var records = JsonRead.Array(body["records"], "'records'").Select(r => JsonRead.Object(r, "A record")).ToList();
        var done = JsonRead.Bool(body, "done", fallback: true);
        var next = done ? null : JsonRead.OptionalString(body, "nextRecordsUrl") ?? throw new MalformedResponseException("'done' is false without a nextRecordsUrl.");
        return new QueryPage(records, body["totalSize"] is null ? records.Count : JsonRead.Long(body, "totalSize"), next);
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Salesforce upsert of {SObject}: {Count} records, {Created} created, {Failed} failed (bulk: {Bulk})")]
    private partial void LogUpserted(string sObject, int count, int created, int failed, bool bulk);

    private sealed record QueryPage(List<JsonObject> Records, long TotalSize, string? Next);
}
