using GtmGuard.LoadTests.Thresholds;

namespace GtmGuard.LoadTests.Reports;

/// <summary>One invocation of the runner: its scenarios (side by side) and the thresholds checked against them.</summary>
public sealed record RunReport(
    DateTimeOffset StartedAt,
    string Command,
    string Machine,
    IReadOnlyList<ScenarioReport> Scenarios,
    IReadOnlyList<ThresholdResult> Thresholds)
{
    public bool Passed => Thresholds.All(t => t.Passed);
}
