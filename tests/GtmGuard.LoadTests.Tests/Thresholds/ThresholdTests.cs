using GtmGuard.LoadTests.Reports;
using GtmGuard.LoadTests.Thresholds;

namespace GtmGuard.LoadTests.Tests.Thresholds;

public sealed class ThresholdTests
{
    private static readonly HashSet<string> Known = ScenarioReport.MetricNames.ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("ceiling_ratio>=0.95", null, "ceiling_ratio", ">=", 0.95)]
    [InlineData("lost==0", null, "lost", "==", 0)]
    [InlineData(" p95_ms < 250 ", null, "p95_ms", "<", 250)]
    [InlineData("hubspot-batch.rate_limited_after_first_window<=0", "hubspot-batch", "rate_limited_after_first_window", "<=", 0)]
    [InlineData("errors!=1e3", null, "errors", "!=", 1000)]
    public void Parse_ReadsScenarioMetricOperatorAndValue(string text, string? scenario, string metric, string op, double value) =>
        Assert.Equal(new Threshold(scenario, metric, op, value), Threshold.Parse(text, Known));

    [Theory]
    [InlineData("ceiling_ratio=>0.95", "is not of the form")]
    [InlineData("ceiling_ratio>=", "is not of the form")]
    [InlineData("lost==zero", "'zero' is not a number")]
    [InlineData("throughput>5", "unknown metric 'throughput'")]
    [InlineData("", "is not of the form")]
    [InlineData("p95_ms<NaN", "is not a number")]
    public void Parse_RejectsMalformedThresholds_SayingWhy(string text, string expected)
    {
        var error = Assert.Throws<ThresholdSyntaxException>(() => Threshold.Parse(text, Known));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">=", 0.95, 0.95, true)]
    [InlineData(">=", 0.95, 0.949, false)]
    [InlineData(">", 1, 1, false)]
    [InlineData("<", 250, 249.9, true)]
    [InlineData("<=", 0, 1, false)]
    [InlineData("==", 0, 0, true)]
    [InlineData("!=", 0, 0, false)]
    public void IsMet_ComparesTheActualValue(string op, double value, double actual, bool met) =>
        Assert.Equal(met, new Threshold(null, "lost", op, value).IsMet(actual));

    [Fact]
    public void Evaluate_AppliesUnscopedThresholdsToEveryScenario_AndScopedOnesToTheirs()
    {
        var fast = ReportSamples.Scenario("fast", recordsPerSecond: 990, lost: 0);
        var slow = ReportSamples.Scenario("slow", recordsPerSecond: 12, lost: 3);
        var thresholds = new[] { Threshold.Parse("lost==0", Known), Threshold.Parse("fast.ceiling_ratio>=0.95", Known) };

        var results = ThresholdEvaluator.Evaluate(thresholds, [fast, slow]);

        Assert.Equal(
            [("lost==0", "fast", true), ("lost==0", "slow", false), ("fast.ceiling_ratio>=0.95", "fast", true)],
            results.Select(r => (r.Threshold.ToString(), r.Scenario, r.Passed)));
        Assert.Equal(0.99, results[2].Actual);
    }

    [Fact]
    public void Evaluate_FailsEveryThreshold_OfAScenarioThatSubmittedNothing()
    {
        // Empty histograms read 0 ms and nothing was lost: without this every bound would pass on no data.
        var idle = ReportSamples.Scenario("idle", recordsPerSecond: 0, lost: 0) with { Submitted = 0, Records = 0 };
        var thresholds = new[] { Threshold.Parse("lost==0", Known), Threshold.Parse("p95_ms<250", Known) };

        var results = ThresholdEvaluator.Evaluate(thresholds, [idle]);

        Assert.All(results, r => Assert.False(r.Passed));
        Assert.All(results, r => Assert.True(double.IsNaN(r.Actual)));
    }
}
