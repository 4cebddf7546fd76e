using GtmGuard.LoadTests.Hosting;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reports;
using GtmGuard.LoadTests.Scenarios;
using GtmGuard.LoadTests.Thresholds;

namespace GtmGuard.LoadTests.Cli;

/// <summary>A validated load-test request: which scenarios, under which model, checked by which thresholds.</summary>
public sealed record LoadRequest(
    IReadOnlyList<string> Scenarios,
    LoadModel? Model,
    IReadOnlyList<Threshold> Thresholds,
    IReadOnlyDictionary<string, string?> Settings,
    string? Chaos,
    TimeSpan? DrainTimeout,
    string ReportsDirectory,
    string CommandLine)
{
    /// <summary>Where the simulators run (<c>--simulators in-process|external</c>).</summary>
    public SimulatorPlacement Simulators { get; init; } = SimulatorPlacement.InProcess;

    /// <summary>Parses <c>--simulators</c>: <c>in-process</c> (default) or <c>external</c> (their own process).</summary>
    public static SimulatorPlacement ParseSimulators(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "in-process" => SimulatorPlacement.InProcess,
        "external" => SimulatorPlacement.External,
        _ => throw new ArgumentException($"--simulators '{text}' is not a placement; use in-process or external."),
    };

    /// <summary>Checks every value; a wrong one throws <see cref="ArgumentException"/> or <see cref="ThresholdSyntaxException"/> naming it.</summary>
    public static LoadRequest From(
        IReadOnlyList<string> scenarios, LoadModel? model, IReadOnlyList<string> thresholds, IReadOnlyList<string> settings, string? chaos, TimeSpan? drainTimeout, string reports, string commandLine)
    {
        var names = scenarios.SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (names.Count == 0)
        {
            names.Add("enrichment");
        }

        if (names.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            names = ScenarioCatalog.Names.ToList();
        }

        foreach (var name in names.Where(n => !ScenarioCatalog.Names.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"--scenario '{name}' is not a scenario; use {string.Join(", ", ScenarioCatalog.Names)} or all.");
        }

        if (File.Exists(reports))
        {
            // Found now rather than after a run of minutes, when the reports could not be written.
            throw new ArgumentException($"--reports '{reports}' is a file; give a folder for the reports.");
        }

        var parsed = thresholds.Select(t => Threshold.Parse(t, ScenarioReport.MetricNames.ToHashSet(StringComparer.Ordinal))).ToList();
        foreach (var t in parsed.Where(t => t.Scenario is not null && !names.Contains(t.Scenario, StringComparer.OrdinalIgnoreCase)))
        {
            throw new ThresholdSyntaxException($"threshold '{t}' names scenario '{t.Scenario}', which this run does not include.");
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? setting[..equals].Trim() : string.Empty;
            if (key.Length == 0 || !(key.StartsWith("Simulators:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Sync:", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"--set '{setting}' must be KEY=VALUE with KEY starting Simulators: or Sync:.");
            }

            values[key] = setting[(equals + 1)..].Trim();
        }

        if (chaos is not null && !File.Exists(chaos))
        {
            throw new ArgumentException($"--chaos '{chaos}' does not exist.");
        }

        return new LoadRequest(names, model, parsed, values, chaos, drainTimeout, reports, commandLine);
    }
}
