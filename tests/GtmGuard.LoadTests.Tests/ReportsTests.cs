using System.Text.Json;
using GtmGuard.LoadTests.Reports;
using GtmGuard.LoadTests.Thresholds;

namespace GtmGuard.LoadTests.Tests;

public sealed class ReportsTests
{
    private static RunReport Sample() =>
        new(
            new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
            "gtmguard load --scenario a,b",
            "2 cores",
            [ReportSamples.Scenario("a", 950, 0), ReportSamples.Scenario("b", 12, 4)],
            [new ThresholdResult(new Threshold(null, "lost", "==", 0), "b", 4, false)]);

    [Fact]
    public void Json_HasEveryMetricPerScenario_AndTheVerdict()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(Sample()));

        var scenarios = json.RootElement.GetProperty("scenarios");
        Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(2, scenarios.GetArrayLength());
        Assert.All(ScenarioReport.MetricNames, m => Assert.True(scenarios[0].GetProperty("metrics").TryGetProperty(m, out _), m));
        Assert.Equal(0.95, scenarios[0].GetProperty("metrics").GetProperty("ceiling_ratio").GetDouble());
        Assert.Equal(4, scenarios[1].GetProperty("reconciliation").GetProperty("lost").GetInt64());
    }

    [Fact]
    public void Markdown_PutsScenariosSideBySide()
    {
        var markdown = MarkdownReport.Render(Sample());

        Assert.Contains("| metric | a | b |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ceiling_ratio | 0.95 | 0.012 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `lost==0` | b | 4 | FAIL |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_IsSelfContained_WithItsThreeCharts()
    {
        var html = HtmlReport.Render(Sample());

        Assert.Equal(4, html.Split("<svg ").Length - 1);
        Assert.Contains("Throughput over time", html, StringComparison.Ordinal);
        Assert.Contains("Request latency by percentile", html, StringComparison.Ordinal);
        Assert.Contains("Errors by type", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }
}
