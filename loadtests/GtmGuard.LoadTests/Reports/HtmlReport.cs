using System.Net;
using System.Text;

namespace GtmGuard.LoadTests.Reports;

/// <summary>A self-contained HTML report: the Markdown's tables plus inline SVG charts (throughput over time, latency percentiles, errors by type).</summary>
public static class HtmlReport
{
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>GtmGuard load test report</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}.fail{color:#b91c1c;font-weight:bold}.pass{color:#15803d}</style></head><body>");
        html.Append("<h1>GtmGuard load test report</h1>");
        html.Append("<p><code>").Append(Esc(report.Command)).Append("</code> on ").Append(Esc(report.Machine)).Append(", ")
            .Append(Esc(report.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))).Append(". Result: ")
            .Append(report.Passed ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\">FAILED</span>").Append("</p>");

        html.Append("<table><tr><th>metric</th>");
        foreach (var s in report.Scenarios)
        {
            html.Append("<th>").Append(Esc(s.Scenario)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var metric in ScenarioReport.MetricNames)
        {
            html.Append("<tr><td>").Append(metric).Append("</td>");
            foreach (var s in report.Scenarios)
            {
                html.Append("<td>").Append(MarkdownReport.Number(s.Metrics()[metric])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        html.Append(SvgChart.Lines(
            "Throughput over time (records done per second)",
            "seconds since start",
            "records/s",
            report.Scenarios.Select(s => (s.Scenario, (IReadOnlyList<(double, double)>)s.Timeline.Select(t => ((double)t.Second, (double)t.Completed)).ToList())).ToList()));
        html.Append(SvgChart.Lines(
            "Request latency by percentile (ms)",
            "percentile",
            "ms",
            report.Scenarios.Select(s => (s.Scenario, (IReadOnlyList<(double, double)>)s.RequestLatencyCurve.Select(p => (p.Percentile, p.Millis)).ToList())).ToList()));
        html.Append(SvgChart.Lines(
            "End-to-end latency by percentile (ms)",
            "percentile",
            "ms",
            report.Scenarios.Select(s => (s.Scenario, (IReadOnlyList<(double, double)>)s.EndToEndLatencyCurve.Select(p => (p.Percentile, p.Millis)).ToList())).ToList()));
        html.Append(SvgChart.Bars(
            "Errors by type",
            report.Scenarios.SelectMany(s => s.Errors.Select(e => ($"{s.Scenario}: {e.Key}", (double)e.Value))).ToList()));

        foreach (var s in report.Scenarios)
        {
            var r = s.Reconciliation;
            html.Append("<h2>").Append(Esc(s.Scenario)).Append("</h2><p>").Append(Esc(s.Description)).Append("</p><ul>")
                .Append("<li>Load model: ").Append(Esc(s.LoadModel)).Append("</li>")
                .Append("<li>Ceiling: ").Append(Esc(s.Ceiling is null ? "none" : $"{s.Ceiling.RecordsPerSecond:N1} records/s ({s.Ceiling.Derivation})")).Append("</li>")
                .Append("<li>Reconciliation (").Append(Esc(r.Target)).Append($"): expected {r.Expected:N0}, found {r.Found:N0}, ")
                .Append(r.Clean ? "<span class=\"pass\">" : "<span class=\"fail\">").Append($"lost {r.Lost}, duplicated {r.Duplicated}, stale {r.Stale}</span></li>");
            foreach (var example in r.Examples)
            {
                html.Append("<li>").Append(Esc(example)).Append("</li>");
            }

            foreach (var (key, value) in s.Notes)
            {
                html.Append("<li>").Append(Esc(key)).Append(": ").Append(Esc(value)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (report.Thresholds.Count > 0)
        {
            html.Append("<h2>Thresholds</h2><table><tr><th>threshold</th><th>scenario</th><th>actual</th><th>result</th></tr>");
            foreach (var t in report.Thresholds)
            {
                html.Append("<tr><td><code>").Append(Esc(t.Threshold.ToString())).Append("</code></td><td>").Append(Esc(t.Scenario)).Append("</td><td>")
                    .Append(MarkdownReport.Number(t.Actual)).Append("</td><td>").Append(t.Passed ? "<span class=\"pass\">pass</span>" : "<span class=\"fail\">FAIL</span>").Append("</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
