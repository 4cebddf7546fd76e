using System.CommandLine;
using System.Globalization;
using GtmGuard.Cli.Up;

namespace GtmGuard.Cli.Commands;

/// <summary><c>gtmguard up</c>: the main job: simulators, the sync core wired to them, and a stream of generated leads.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var overrides = new SimulatorOverrides();
        var intakePort = new Option<int?>("--intake-port") { Description = "Sync webhook intake port (default 5110; 0 picks a free port)." };
        var store = new Option<string?>("--store") { Description = "Sync store directory (default ./.gtmguard)." };
        var probePort = new Option<int?>("--probe-port") { Description = "Probe service and dashboard port (default 5120; 0 picks a free port)." };
        var command = new Command("up", "Start GtmGuard on 127.0.0.1 (simulators, sync core, generated leads) and print the URLs; Ctrl+C stops cleanly.");
        overrides.AddTo(command);
        command.Options.Add(intakePort);
        command.Options.Add(store);
        command.Options.Add(probePort);
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = overrides.Read(parse);
            if (parse.GetValue(intakePort) is { } port)
            {
                settings["Sync:Intake:Url"] = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(store) is { } directory)
            {
                settings["Sync:Store:Directory"] = directory;
            }

            if (parse.GetValue(probePort) is { } probes)
            {
                settings["Probes:Url"] = "http://127.0.0.1:" + probes.ToString(CultureInfo.InvariantCulture);
            }

            return MainJob.RunAsync(settings, cancellationToken);
        });
        return command;
    }
}
