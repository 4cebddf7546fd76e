using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// A table's "Monitor webhook" source: <c>POST /v3/sources/webhook/{sourceId}</c>, the shape of Clay's real webhook
/// URLs (<c>https://api.clay.com/v3/sources/webhook/pull-in-data-from-a-webhook-{uuid}</c>). The body is one JSON
/// object (one row) or an array of objects (one row each); the answer is 200 <c>{"message":"Received","rows":N}</c>.
/// What Clay itself answers and whether it takes arrays is not documented (vendor-facts §4.1).
/// Each row counts against the source's lifetime cap; a request that does not fit is refused whole with 403.
/// Submissions cost no credits.
/// </summary>
internal sealed class ClayWebhookEndpoints
{
    public const string PathPrefix = "/v3/sources/webhook/";

    private readonly ClayTables _tables;
    private readonly ClayEnrichmentQueue _enrichment;
    private readonly int _cap;

    public ClayWebhookEndpoints(ClayTables tables, ClayEnrichmentQueue enrichment, int cap)
    {
        _tables = tables;
        _enrichment = enrichment;
        _cap = cap;
    }

    /// <summary>The source id when <paramref name="path"/> is a webhook source URL.</summary>
    public static string? SourceId(string path)
    {
        if (!path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = path[PathPrefix.Length..].TrimEnd('/');
        return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) ? Uri.UnescapeDataString(id) : null;
    }

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("POST", PathPrefix + "{sourceId}", "webhook.submit", Submit, RouteTraits.Authenticated | RouteTraits.ChaosTarget);
    }

    private SimResponse Submit(SimRequest request)
    {
        var sourceId = request.Route("sourceId");
        ClayTable? table;
        lock (_tables.Gate)
        {
            table = _tables.FindBySource(sourceId);
        }

        if (table is null)
        {
            return ClayErrors.NotFound($"Webhook source '{sourceId}' not found.");
        }

        var (objects, problem) = Rows(ClayJson.Body(request));
        if (problem is not null)
        {
            return ClayErrors.BadRequest(problem);
        }

        IReadOnlyList<ClayRow> rows;
        lock (_tables.Gate)
        {
            var remaining = _cap - table.Submissions;
            if (remaining <= 0)
            {
                return ClayErrors.CapReached(_cap);
            }

            if (objects.Count > remaining)
            {
                return ClayErrors.CapWouldBeExceeded(_cap, remaining, objects.Count);
            }

            rows = _tables.Append(table, objects);
        }

        _enrichment.Enqueue(rows);
        return SimResponse.Json(200, new Dictionary<string, object> { ["message"] = "Received", ["rows"] = rows.Count });
    }

    /// <summary>Detached copies of the submitted row objects, or what is wrong with the body.</summary>
    private static (IReadOnlyList<JsonObject> Rows, string? Problem) Rows(JsonNode? body)
    {
        switch (body)
        {
            case JsonObject row:
                return ([(JsonObject)row.DeepClone()], null);
            case JsonArray { Count: 0 }:
                return ([], "The array is empty; send at least one row object.");
            case JsonArray array:
                var rows = new List<JsonObject>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject element)
                    {
                        return ([], $"Element {i} of the array is not a JSON object; every row must be an object of column names to values.");
                    }

                    rows.Add((JsonObject)element.DeepClone());
                }

                return (rows, null);
            case null:
                return ([], "The request body is empty or null; send a JSON object or an array of objects.");
            default:
                return ([], "The request body must be a JSON object or an array of objects.");
        }
    }
}
