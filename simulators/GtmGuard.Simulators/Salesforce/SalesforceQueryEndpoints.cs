using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Salesforce.Soql;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// <c>query</c> and <c>queryAll</c> (vendor-facts §1.4): pages of up to <c>batchSize</c> records
/// (header <c>Sforce-Query-Options</c>, 200–2000, default 2000) and <c>nextRecordsUrl</c> for the rest.
/// </summary>
internal sealed class SalesforceQueryEndpoints
{
    private const int DefaultBatchSize = 2000;
    private const int MinBatchSize = 200;

    private readonly SalesforceDatabase _database;
    private readonly SalesforceQueryCursors _cursors;

    public SalesforceQueryEndpoints(SalesforceDatabase database, SalesforceQueryCursors cursors)
    {
        _database = database;
        _cursors = cursors;
    }

    public IEnumerable<SimRoute> Routes(SalesforceApiVersions versions)
    {
        yield return new SimRoute("GET", "/services/data/v{version}/query", "query", versions.Versioned((r, v) => Query(r, v, includeDeleted: false)));
        yield return new SimRoute("GET", "/services/data/v{version}/queryAll", "queryAll", versions.Versioned((r, v) => Query(r, v, includeDeleted: true)));
        yield return new SimRoute("GET", "/services/data/v{version}/query/{locator}", "query.more", versions.Versioned(More));
        yield return new SimRoute("GET", "/services/data/v{version}/queryAll/{locator}", "queryAll.more", versions.Versioned(More));
    }

    private SimResponse Query(SimRequest request, SalesforceApiVersion version, bool includeDeleted)
    {
        var soql = SalesforceQueryString.Get(request, "q");
        if (string.IsNullOrWhiteSpace(soql))
        {
            return SalesforceResponses.Error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        SoqlPlan plan;
        try
        {
            plan = SoqlBinder.Bind(SoqlParser.Parse(soql), _database.Schema);
        }
        catch (SoqlException ex)
        {
            return SalesforceResponses.Error(400, ex.Code, ex.Message);
        }

        List<JsonObject> records;
        lock (_database.Gate)
        {
            var rows = plan.Run(_database.Store(plan.Type).All(includeDeleted));
            if (plan.IsCount)
            {
                return Page(rows.Count, [], null, version);
            }

            records = rows.Select(r => SalesforceRecordJson.Render(r, version, plan.Fields)).ToList();
        }

        var batchSize = BatchSize(request);
        if (records.Count <= batchSize)
        {
            return Page(records.Count, records, null, version);
        }

        var cursor = _cursors.Open(records, batchSize);
        return Page(records.Count, records.Take(batchSize).ToList(), SalesforceQueryCursors.Locator(cursor, batchSize), version);
    }

    private SimResponse More(SimRequest request, SalesforceApiVersion version) =>
        _cursors.Fetch(request.Route("locator")) is var (total, page, next)
            ? Page(total, page, next, version)
            : SalesforceResponses.Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");

    private static SimResponse Page(int total, IReadOnlyList<JsonObject> records, string? nextLocator, SalesforceApiVersion version)
    {
        var body = new JsonObject { ["totalSize"] = total, ["done"] = nextLocator is null };
        if (nextLocator is not null)
        {
            body["nextRecordsUrl"] = $"{version.DataPath}/query/{nextLocator}";
        }

        // Cursor pages are shared snapshots; each response gets its own copy of the nodes.
        body["records"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray());
        return SalesforceResponses.Json(200, body);
    }

    /// <summary><c>Sforce-Query-Options: batchSize=N</c>; Salesforce treats the size as a hint within 200–2000.</summary>
    private static int BatchSize(SimRequest request)
    {
        var header = request.Header(SalesforceHeaders.QueryOptions);
        foreach (var option in header?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            var parts = option.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && string.Equals(parts[0], "batchSize", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return Math.Clamp(size, MinBatchSize, DefaultBatchSize);
            }
        }

        return DefaultBatchSize;
    }
}
