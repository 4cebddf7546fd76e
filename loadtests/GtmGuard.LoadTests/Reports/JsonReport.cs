using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.LoadTests.Reports;

/// <summary>The machine-readable report: every metric by its threshold name, plus the details.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JsonObject
        {
            ["started_at"] = report.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["command"] = report.Command,
            ["machine"] = report.Machine,
            ["passed"] = report.Passed,
            ["scenarios"] = new JsonArray(report.Scenarios.Select(Scenario).ToArray<JsonNode?>()),
            ["thresholds"] = new JsonArray(report.Thresholds.Select(t => (JsonNode?)new JsonObject
            {
                ["threshold"] = t.Threshold.ToString(),
                ["scenario"] = t.Scenario,
                ["actual"] = double.IsNaN(t.Actual) ? null : t.Actual,
                ["passed"] = t.Passed,
            }).ToArray()),
        };
        return root.ToJsonString(Indented);
    }

    private static JsonObject Scenario(ScenarioReport s)
    {
        var metrics = new JsonObject();
        foreach (var (name, value) in s.Metrics())
        {
            metrics[name] = value;
        }

        return new JsonObject
        {
            ["scenario"] = s.Scenario,
            ["description"] = s.Description,
            ["load_model"] = s.LoadModel,
            ["metrics"] = metrics,
            ["ceiling"] = s.Ceiling is null ? null : new JsonObject { ["records_per_sec"] = s.Ceiling.RecordsPerSecond, ["derivation"] = s.Ceiling.Derivation },
            ["errors_by_type"] = Map(s.Errors),
            ["calls_by_operation"] = Map(s.CallsByOperation),
            ["reconciliation"] = new JsonObject
            {
                ["target"] = s.Reconciliation.Target,
                ["expected"] = s.Reconciliation.Expected,
                ["found"] = s.Reconciliation.Found,
                ["lost"] = s.Reconciliation.Lost,
                ["duplicated"] = s.Reconciliation.Duplicated,
                ["stale"] = s.Reconciliation.Stale,
                ["examples"] = new JsonArray(s.Reconciliation.Examples.Select(e => (JsonNode?)e).ToArray()),
            },
            ["notes"] = new JsonObject(s.Notes.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)n.Value))),
            ["request_latency_percentiles_ms"] = Curve(s.RequestLatencyCurve),
            ["e2e_latency_percentiles_ms"] = Curve(s.EndToEndLatencyCurve),
            ["timeline"] = new JsonArray(s.Timeline.Select(t => (JsonNode?)new JsonObject
            {
                ["second"] = t.Second,
                ["completed"] = t.Completed,
                ["requests"] = t.Requests,
                ["errors"] = t.Errors,
                ["rate_limited"] = t.RateLimited,
            }).ToArray()),
        };
    }

    private static JsonObject Map(IReadOnlyDictionary<string, long> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value)));

    private static JsonObject Curve(IReadOnlyList<(double Percentile, double Millis)> curve) =>
        new(curve.Select(p => KeyValuePair.Create("p" + p.Percentile.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)p.Millis)));
}
