using System.CommandLine;
using System.Text.Json;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.LoadTests.Cli;

/// <summary>
/// <c>simulators --options FILE</c>: the simulators a run with <c>--simulators external</c> drives, in their own process.
/// Reads the options, starts the simulators on 127.0.0.1, prints one line with their URLs, and runs until stdin closes
/// (the runner ends it that way, or by ending itself) or Ctrl+C.
/// </summary>
internal static class SimulatorsCommand
{
    public static Command Create()
    {
        var optionsFile = new Option<string>("--options") { Description = "JSON file of simulator options (written by the runner).", Required = true };
        var command = new Command("simulators", "Run the load-test simulators in their own process (started by --simulators external).") { optionsFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SimulatorsOptions options;
            try
            {
                options = SimulatorOptionsFile.Read(await File.ReadAllTextAsync(parse.GetValue(optionsFile)!, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("simulators: cannot read the options: " + ex.Message).ConfigureAwait(false);
                return LoadExitCodes.BadArguments;
            }

            await using var host = new SimulatorHost(options, TimeProvider.System, NullLoggerFactory.Instance);
            host.Start();
            await Console.Out.WriteLineAsync(SimulatorProcess.ReadyPrefix + JsonSerializer.Serialize(SimulatorUrls.Of(host), SimulatorOptionsFile.Json)).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            var stdinClosed = Console.In.ReadToEndAsync(cancellationToken);
            try
            {
                await stdinClosed.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }

            return 0;
        });
        return command;
    }
}
