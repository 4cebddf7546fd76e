using System.Globalization;
using GtmGuard.LoadTests.Progress;
using GtmGuard.LoadTests.Reports;
using GtmGuard.LoadTests.Runner;
using GtmGuard.LoadTests.Scenarios;
using GtmGuard.LoadTests.Thresholds;
using Microsoft.Extensions.Options;

namespace GtmGuard.LoadTests.Cli;

/// <summary>Runs a <see cref="LoadRequest"/>: each scenario in turn, then the reports, then the thresholds decide the exit code.</summary>
public static class LoadRun
{
    public static async Task<int> RunAsync(LoadRequest request, IProgressSink progress, TextWriter output, TextWriter error, CancellationToken cancellationToken, Action<ScenarioOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var clock = TimeProvider.System;
        var startedAt = clock.GetUtcNow();
        var runner = new LoadRunner(clock, progress);
        var results = new List<ScenarioReport>();
        foreach (var name in request.Scenarios)
        {
            var options = new ScenarioOptions { ChaosScenarioPath = request.Chaos, SimulatorPlacement = request.Simulators };
            foreach (var (key, value) in request.Settings)
            {
                options.Settings[key] = value;
            }

            if (request.DrainTimeout is { } drain)
            {
                options.DrainTimeout = drain;
            }

            configure?.Invoke(options);
            var scenario = ScenarioCatalog.Create(name)!;
            await using (scenario.ConfigureAwait(false))
            {
                try
                {
                    results.Add(await runner.RunAsync(scenario, request.Model, options, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or ArgumentException or IOException or HttpRequestException or GtmGuard.Simulators.Chaos.ChaosPlanException)
                {
                    await error.WriteLineAsync($"gtmguard load: cannot run {name}: {ex.Message}").ConfigureAwait(false);
                    return LoadExitCodes.CannotStart;
                }
            }
        }

        var report = new RunReport(startedAt, request.CommandLine, Machine(), results, ThresholdEvaluator.Evaluate(request.Thresholds, results));
        await output.WriteLineAsync(MarkdownReport.Render(report)).ConfigureAwait(false);
        try
        {
            var files = await ReportWriter.WriteAsync(report, request.ReportsDirectory, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("Reports: " + string.Join(", ", files)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The run's figures are printed above; only the files are missing.
            await error.WriteLineAsync($"gtmguard load: cannot write the reports to '{request.ReportsDirectory}': {ex.Message}").ConfigureAwait(false);
            return LoadExitCodes.CannotStart;
        }

        foreach (var failed in report.Thresholds.Where(t => !t.Passed))
        {
            await error.WriteLineAsync($"gtmguard load: threshold {failed.Threshold} not met by {failed.Scenario}: {MarkdownReport.Number(failed.Actual)}").ConfigureAwait(false);
        }

        return report.Passed ? LoadExitCodes.Passed : LoadExitCodes.ThresholdBreached;
    }

    private static string Machine() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
}
