using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// <c>POST /public/v0/tables/query</c> over one table: <c>filter</c>, plain field <c>select</c>, <c>limit</c> (1–100,
/// default 50) and an opaque <c>cursor</c>. Each record maps column names to cells
/// (<c>success</c>/<c>empty</c>/<c>queued</c>/<c>error</c>); the enrichment is the <c>enrichment</c> column.
/// Rows come in creation order. Joins, aggregates, <c>group_by</c> and <c>order_by</c> answer 422.
/// </summary>
internal sealed class ClayTableQuery
{
    private const string RowIdColumn = "clay_row_id";
    private const string EnrichmentColumn = "enrichment";

    private readonly ClayTables _tables;

    public ClayTableQuery(ClayTables tables) => _tables = tables;

    public SimResponse Run(SimRequest request)
    {
        if (ClayJson.Body(request) is not JsonObject body || body["query"] is not JsonObject query)
        {
            return ClayErrors.BadRequest("The body must be an object with a query.");
        }

        if (query["tables"] is not JsonArray { Count: >= 1 and <= 5 } tables || tables[0]?["id"] is not JsonValue tableId || tableId.GetValueKind() != JsonValueKind.String)
        {
            return ClayErrors.BadRequest("query.tables must list 1 to 5 tables, each with an id.");
        }

        if (tables.Count > 1 || query.ContainsKey("join") || query.ContainsKey("group_by") || query.ContainsKey("order_by")
            || (query["select"] is JsonArray aggregates && aggregates.Any(s => s is JsonObject o && o.ContainsKey("fn"))))
        {
            return ClayErrors.Unprocessable("GtmGuard's Clay simulator queries one table at a time, without joins, aggregates, group_by or order_by.");
        }

        var (limit, offset, problem) = Paging(body);
        var (filter, filterError) = query.ContainsKey("filter") ? ClayQueryFilter.Parse(query["filter"]) : (_ => true, null);
        var select = Select(query["select"]);
        if ((problem ?? filterError ?? (select is null ? "select must be a list of {\"field\", \"as\"?} objects." : null)) is { } error)
        {
            return ClayErrors.BadRequest(error);
        }

        lock (_tables.Gate)
        {
            var table = _tables.Find(tableId.GetValue<string>());
            if (table is null)
            {
                return ClayErrors.NotFound($"Table '{tableId.GetValue<string>()}' not found.");
            }

            var matching = table.Rows.Where(row => filter!(column => Value(row, column))).ToList();
            var page = matching.Skip(offset).Take(limit).ToList();
            var columns = select!.Count > 0 ? select : Columns(table);
            var response = new JsonObject
            {
                ["data"] = new JsonArray(page.Select(row => (JsonNode)Record(row, columns)).ToArray()),
                ["fields"] = Fields(table, columns),
            };
            if (offset + page.Count < matching.Count)
            {
                response["cursor"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + (offset + page.Count).ToString(CultureInfo.InvariantCulture)));
            }

            return SimResponse.Json(200, response);
        }
    }

    private static (int Limit, int Offset, string? Problem) Paging(JsonObject body)
    {
        var limit = 50;
        if (body["limit"] is { } node && (node is not JsonValue value || !value.TryGetValue(out limit) || limit is < 1 or > 100))
        {
            return (0, 0, "limit must be an integer from 1 to 100.");
        }

        if (body["cursor"] is null)
        {
            return (limit, 0, null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(body["cursor"]!.GetValue<string>()));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? (limit, offset, null)
                : (limit, 0, "Invalid cursor.");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            return (limit, 0, "Invalid cursor.");
        }
    }

    /// <summary>Selected (column, output name) pairs; empty for all columns, null when malformed.</summary>
    private static List<(string Column, string As)>? Select(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray items || items.Count > 20)
        {
            return null;
        }

        var select = new List<(string, string)>();
        foreach (var item in items)
        {
            if (item?["field"] is not JsonValue field || field.GetValueKind() != JsonValueKind.String)
            {
                return null;
            }

            var alias = item["as"] is JsonValue a && a.GetValueKind() == JsonValueKind.String ? a.GetValue<string>() : field.GetValue<string>();
            select.Add((field.GetValue<string>(), alias));
        }

        return select;
    }

    private static List<(string Column, string As)> Columns(ClayTable table) =>
        table.Rows.SelectMany(r => r.Fields.Select(f => f.Key)).Distinct(StringComparer.Ordinal)
            .Append(RowIdColumn).Append(EnrichmentColumn).Select(c => (c, c)).ToList();

    private static JsonObject Record(ClayRow row, List<(string Column, string As)> columns)
    {
        var record = new JsonObject();
        foreach (var (column, name) in columns)
        {
            record[name] = column == EnrichmentColumn ? EnrichmentCell(row) : Cell(Value(row, column));
        }

        return record;
    }

    private static JsonNode? Value(ClayRow row, string column) => column switch
    {
        RowIdColumn => row.Id,
        EnrichmentColumn => row.Enrichment?.CompanyName,
        _ => row.Fields[column]?.DeepClone(),
    };

    private static JsonObject Cell(JsonNode? value) =>
        value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)
            ? new JsonObject { ["status"] = "empty" }
            : new JsonObject { ["status"] = "success", ["value"] = value, ["fields"] = null };

    private static JsonObject EnrichmentCell(ClayRow row) => row.Status switch
    {
        ClayRowStatus.Enriched => new JsonObject { ["status"] = "success", ["value"] = row.Enrichment!.CompanyName, ["fields"] = row.Enrichment.ToJson() },
        ClayRowStatus.OutOfCredits => new JsonObject { ["status"] = "error", ["error"] = "Out of credits" },
        ClayRowStatus.NoMatch => new JsonObject { ["status"] = "empty" },
        _ => new JsonObject { ["status"] = "queued" },
    };

    private static JsonObject Fields(ClayTable table, List<(string Column, string As)> columns)
    {
        var fields = new JsonObject();
        foreach (var (column, name) in columns)
        {
            fields[name] = new JsonObject { ["id"] = "f_" + column, ["name"] = column, ["type"] = TypeOf(table, column) };
        }

        return fields;
    }

    private static string TypeOf(ClayTable table, string column)
    {
        if (column == EnrichmentColumn)
        {
            return "action";
        }

        var sample = column == RowIdColumn ? JsonValue.Create("r") : table.Rows.Select(r => r.Fields[column]).FirstOrDefault(v => v is not null);
        return sample?.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Object or JsonValueKind.Array => "json",
            _ => "text",
        };
    }
}
