using System.CommandLine;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Progress;
using GtmGuard.LoadTests.Scenarios;
using GtmGuard.LoadTests.Thresholds;
using Spectre.Console;

namespace GtmGuard.LoadTests.Cli;

/// <summary><c>gtmguard load</c> (also the load-test project's own entry point): options, then <see cref="LoadRun"/>.</summary>
public static class LoadCommand
{
    public static Command Create(string name = "load")
    {
        var scenario = new Option<string[]>("--scenario") { Description = $"Scenario(s) to run one after another in one report: {string.Join(", ", ScenarioCatalog.Names)}, or all (default enrichment).", AllowMultipleArgumentsPerToken = true };
        var model = new Option<string?>("--model") { Description = "Load model: open (constant arrival rate), ramping (arrival rate), closed (constant concurrency). Default: the scenario's." };
        var rate = NumberOption.Create<double>("--rate", "Open model: records per second.", "records per second, a number such as 300");
        var ramp = new Option<string?>("--ramp") { Description = "Ramping model: START,RATE@DURATION,… e.g. 0,1000@30s,1000@60s." };
        var concurrency = NumberOption.Create<int>("--concurrency", "Closed model: records in flight.", "the records in flight, a whole number such as 50");
        var duration = new Option<string?>("--duration") { Description = "Run length after the warm-up, e.g. 60s." };
        var records = NumberOption.Create<long>("--records", "Stop after this many records.", "a whole number of records such as 1000000");
        var warmUp = new Option<string?>("--warm-up") { Description = "Leading stretch left out of the results, e.g. 10s." };
        var threshold = new Option<string[]>("--threshold") { Description = "Pass/fail condition, repeatable: \"ceiling_ratio>=0.95\", \"lost==0\", \"p95_ms<250\", \"enrichment.lost==0\".", AllowMultipleArgumentsPerToken = true };
        var set = new Option<string[]>("--set") { Description = "KEY=VALUE setting, repeatable: Simulators:… for the simulators (e.g. Simulators:HubSpot:TenSecondLimit=1000), Sync:… for the sync core.", AllowMultipleArgumentsPerToken = true };
        var chaos = new Option<string?>("--chaos") { Description = "Chaos scenario file applied to the simulators (gtm-day defaults to simulators/scenarios/standard-chaos.yaml)." };
        var reports = new Option<string>("--reports") { Description = "Folder for the JSON, Markdown and HTML reports.", DefaultValueFactory = _ => "reports" };
        var drain = new Option<string?>("--drain-timeout") { Description = "How long to let queues drain after the load before reconciling (default 3m)." };
        var simulators = new Option<string?>("--simulators") { Description = "Where the simulators run: in-process (default) or external (their own process on free 127.0.0.1 ports, reached over HTTP; its memory is reported apart as simulators_peak_memory_mb)." };
        var command = new Command(name, "Load-test the sync core against the simulators' real quotas; reports in --reports; thresholds set the exit code (0 pass, 1 breached, 2 cannot start, 3 bad arguments).")
        {
            scenario, model, rate, ramp, concurrency, duration, records, warmUp, threshold, set, chaos, reports, drain, simulators,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            LoadRequest request;
            try
            {
                request = LoadRequest.From(
                    parse.GetValue(scenario) ?? [],
                    LoadModelParser.Parse(parse.GetValue(model), parse.GetValue(rate), parse.GetValue(ramp), parse.GetValue(concurrency), parse.GetValue(duration), parse.GetValue(records), parse.GetValue(warmUp)),
                    parse.GetValue(threshold) ?? [],
                    parse.GetValue(set) ?? [],
                    parse.GetValue(chaos),
                    parse.GetValue(drain) is { } d ? LoadModelParser.Duration(d, "--drain-timeout") : null,
                    parse.GetValue(reports)!,
                    "gtmguard load " + string.Join(' ', parse.Tokens.Select(t => t.Value))) with
                {
                    Simulators = LoadRequest.ParseSimulators(parse.GetValue(simulators)),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or ThresholdSyntaxException)
            {
                await Console.Error.WriteLineAsync("gtmguard load: " + ex.Message).ConfigureAwait(false);
                return LoadExitCodes.BadArguments;
            }

            return await LoadRun.RunAsync(request, LiveProgress.For(AnsiConsole.Console, Console.Out), Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Invokes a parsed command line of the standalone runner: a syntax error (an unknown option, <c>--rate abc</c>)
    /// exits <see cref="LoadExitCodes.BadArguments"/> with the errors on stderr, not System.CommandLine's 1, which here
    /// means a breached threshold.
    /// </summary>
    public static async Task<int> InvokeAsync(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.Count == 0)
        {
            return await parse.InvokeAsync().ConfigureAwait(false);
        }

        var name = parse.RootCommandResult.Command.Name;
        foreach (var error in parse.Errors)
        {
            await Console.Error.WriteLineAsync($"{name}: {error.Message}").ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync($"{name}: see `{name} --help`.").ConfigureAwait(false);
        return LoadExitCodes.BadArguments;
    }
}
