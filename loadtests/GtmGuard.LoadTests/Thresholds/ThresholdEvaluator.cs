using GtmGuard.LoadTests.Reports;

namespace GtmGuard.LoadTests.Thresholds;

/// <summary>Checks every threshold against every scenario it names (or all of them) and lists what failed.</summary>
public static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(IReadOnlyList<Threshold> thresholds, IReadOnlyList<ScenarioReport> scenarios)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(scenarios);
        var results = new List<ThresholdResult>();
        foreach (var threshold in thresholds)
        {
            var targets = scenarios.Where(s => threshold.Scenario is null || s.Scenario == threshold.Scenario).ToList();
            if (targets.Count == 0)
            {
                results.Add(new ThresholdResult(threshold, threshold.Scenario ?? "(none)", double.NaN, Passed: false));
                continue;
            }

            foreach (var scenario in targets)
            {
                if (scenario.Submitted == 0)
                {
                    // Nothing submitted, nothing measured: empty histograms read 0 ms, which must not pass a latency bound.
                    results.Add(new ThresholdResult(threshold, scenario.Scenario, double.NaN, Passed: false));
                    continue;
                }

                var actual = scenario.Metrics()[threshold.Metric];
                results.Add(new ThresholdResult(threshold, scenario.Scenario, actual, threshold.IsMet(actual)));
            }
        }

        return results;
    }
}

/// <summary>One threshold checked against one scenario's value.</summary>
public sealed record ThresholdResult(Threshold Threshold, string Scenario, double Actual, bool Passed);
