using System.CommandLine;

namespace GtmGuard.Cli.Commands;

/// <summary><c>gtmguard up</c>: the main job on the embedded default; for now the simulators with their URLs and credentials.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var overrides = new SimulatorOverrides();
        var command = new Command("up", "Start GtmGuard on 127.0.0.1 (simulators) and print the URLs; Ctrl+C stops cleanly.");
        overrides.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(overrides.Read(parse), SimulatorBanner.Print, cancellationToken));
        return command;
    }
}
