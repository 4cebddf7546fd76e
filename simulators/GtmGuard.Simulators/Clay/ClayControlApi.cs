using System.Text.Json.Nodes;
using GtmGuard.Simulators.Control;
using WireMock;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// Clay's control endpoints under <c>/__gtmguard/</c>: tables and their rows, deleting rows (the submission count stays),
/// a table's HTTP API callback (<c>PUT …/callback</c> with <c>{url, requests, perMilliseconds, headers?}</c>) and the credit budget.
/// </summary>
internal static class ClayControlApi
{
    private const string Table = "/tables/(?<table>[^/]+)";

    public static void Map(ClaySimulator simulator)
    {
        ControlApi.Map(simulator, "GET", "/tables", _ => ControlResponse.Ok(simulator.TablesView()));
        ControlApi.Map(simulator, "GET", Table + "/rows", request => WithTable(simulator, request, table => ControlResponse.Ok(simulator.RowsView(table))));
        ControlApi.Map(simulator, "DELETE", Table + "/rows", request => WithTable(simulator, request, table =>
        {
            lock (simulator.Tables.Gate)
            {
                return ControlResponse.Ok(new { deleted = table.DeleteRows(), submissions = table.Submissions });
            }
        }));
        ControlApi.Map(simulator, "PUT", Table + "/callback", request => WithTable(simulator, request, table => SetCallback(simulator, table, request)));
        ControlApi.Map(simulator, "DELETE", Table + "/callback", request => WithTable(simulator, request, table =>
            simulator.Callbacks.Remove(table) ? ControlResponse.Ok(new { table = table.Id, callback = (object?)null }) : ControlResponse.Error(404, $"Table '{table.Id}' has no callback.")));
        ControlApi.Map(simulator, "GET", "/credits", _ => ControlResponse.Ok(CreditsView(simulator.Credits)));
        ControlApi.Map(simulator, "PUT", "/credits", request => SetCredits(simulator.Credits, request));
    }

    public static object CreditsView(ClayCredits credits) => new
    {
        budget = credits.Budget,
        used = credits.Used,
        remaining = credits.Remaining,
        perEnrichment = credits.PerEnrichment,
        exhausted = credits.Exhausted,
    };

    private static ControlResponse WithTable(ClaySimulator simulator, IRequestMessage request, Func<ClayTable, ControlResponse> handler)
    {
        var id = Uri.UnescapeDataString(request.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[2]);
        ClayTable? table;
        lock (simulator.Tables.Gate)
        {
            table = simulator.Tables.Find(id);
        }

        return table is null
            ? ControlResponse.Error(404, $"Unknown table '{id}'. Known: {string.Join(", ", simulator.Tables.All.Select(t => t.Id))}.")
            : handler(table);
    }

    private static ControlResponse SetCallback(ClaySimulator simulator, ClayTable table, IRequestMessage request)
    {
        if (Body(request) is not { } body || Text(body["url"]) is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return ControlResponse.Error(400, "Send {\"url\": \"http://127.0.0.1:…\", \"requests\": 10, \"perMilliseconds\": 1000, \"headers\"?: {…}}.");
        }

        var requests = Number(body["requests"]) ?? 10;
        var per = Number(body["perMilliseconds"]) ?? 1000;
        var headers = body["headers"] is JsonObject map
            ? map.Where(h => Text(h.Value) is not null).ToDictionary(h => h.Key, h => Text(h.Value)!)
            : [];
        if (requests < 1 || per <= 0 || requests > int.MaxValue)
        {
            return ControlResponse.Error(400, "requests must be at least 1 and perMilliseconds positive.");
        }

        try
        {
            var target = simulator.Callbacks.Set(table, uri, (int)requests, TimeSpan.FromMilliseconds(per), headers);
            return ControlResponse.Ok(new { table = table.Id, callback = ClaySimulator.CallbackView(target) });
        }
        catch (ArgumentException ex)
        {
            return ControlResponse.Error(400, ex.Message);
        }
    }

    private static ControlResponse SetCredits(ClayCredits credits, IRequestMessage request)
    {
        if (Body(request) is not { } body || Number(body["budget"]) is not { } budget || budget < 0 || Number(body["used"]) is < 0)
        {
            return ControlResponse.Error(400, "Send {\"budget\": 40000, \"used\"?: 0}.");
        }

        credits.Set((long)budget, Number(body["used"]) is { } used ? (long)used : null);
        return ControlResponse.Ok(CreditsView(credits));
    }

    private static JsonObject? Body(IRequestMessage request) =>
        string.IsNullOrWhiteSpace(request.Body) ? null : ClayJson.Parse(request.Body) as JsonObject;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;
}
