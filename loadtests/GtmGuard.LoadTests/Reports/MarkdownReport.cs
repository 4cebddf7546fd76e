using System.Globalization;
using System.Text;

namespace GtmGuard.LoadTests.Reports;

/// <summary>The human-readable report: scenarios side by side, then each one's details and the thresholds.</summary>
public static class MarkdownReport
{
    private static readonly string[] Columns =
    [
        "records_per_sec", "ceiling_records_per_sec", "ceiling_ratio", "records", "p50_ms", "p95_ms", "p99_ms", "max_ms",
        "e2e_p50_ms", "e2e_p95_ms", "e2e_p99_ms", "e2e_max_ms", "requests", "rate_limited", "rate_limited_after_first_window",
        "retries", "errors", "dead_letters", "lost", "duplicated", "stale", "peak_memory_mb", "simulators_peak_memory_mb",
    ];

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        Line(md, $"# Load test report ({report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC)");
        Line(md, string.Empty);
        Line(md, $"`{report.Command}` on {report.Machine}. Result: **{(report.Passed ? "passed" : "FAILED")}**.");
        Line(md, string.Empty);
        Line(md, "| metric | " + string.Join(" | ", report.Scenarios.Select(s => s.Scenario)) + " |");
        Line(md, "| --- |" + string.Concat(report.Scenarios.Select(_ => " ---: |")));
        foreach (var column in Columns)
        {
            Line(md, $"| {column} | " + string.Join(" | ", report.Scenarios.Select(s => Number(s.Metrics()[column]))) + " |");
        }

        foreach (var s in report.Scenarios)
        {
            Line(md, string.Empty);
            Line(md, $"## {s.Scenario}");
            Line(md, string.Empty);
            Line(md, s.Description);
            Line(md, string.Empty);
            Line(md, $"- Load model: {s.LoadModel}; submitted {s.Submitted:N0}, measured {s.Records:N0} records in {s.DurationSeconds:0.0} s.");
            Line(md, $"- Ceiling: {(s.Ceiling is null ? "none (no quota bounds this scenario)" : $"{s.Ceiling.RecordsPerSecond:N1} records/s ({s.Ceiling.Derivation}); achieved {s.RecordsPerSecond:N1} = {s.CeilingRatio:P1}")}.");
            Line(md, $"- Reconciliation ({s.Reconciliation.Target}): expected {s.Reconciliation.Expected:N0}, found {s.Reconciliation.Found:N0}, lost {s.Reconciliation.Lost}, duplicated {s.Reconciliation.Duplicated}, stale {s.Reconciliation.Stale}.");
            foreach (var example in s.Reconciliation.Examples)
            {
                Line(md, $"  - {example}");
            }

            Line(md, $"- Errors by type: {(s.Errors.Count == 0 ? "none" : string.Join(", ", s.Errors.Select(e => $"{e.Key} {e.Value}")))}.");
            Line(md, $"- Calls by operation: {string.Join(", ", s.CallsByOperation.Select(e => $"{e.Key} {e.Value}"))}.");
            foreach (var (key, value) in s.Notes)
            {
                Line(md, $"- {key}: {value}");
            }
        }

        if (report.Thresholds.Count > 0)
        {
            Line(md, string.Empty);
            Line(md, "## Thresholds");
            Line(md, string.Empty);
            Line(md, "| threshold | scenario | actual | result |");
            Line(md, "| --- | --- | ---: | --- |");
            foreach (var t in report.Thresholds)
            {
                Line(md, $"| `{t.Threshold}` | {t.Scenario} | {Number(t.Actual)} | {(t.Passed ? "pass" : "FAIL")} |");
            }
        }

        return md.ToString();
    }

    public static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
