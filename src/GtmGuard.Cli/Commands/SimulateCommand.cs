using System.CommandLine;

namespace GtmGuard.Cli.Commands;

/// <summary><c>gtmguard simulate</c>: only the simulators, with a vendor selection, scenario, seed and ports.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var overrides = new SimulatorOverrides();
        var vendors = new Option<string?>("--vendors") { Description = "Comma-separated vendors to start (default: all): hubspot,salesforce." };
        var command = new Command("simulate", "Run the vendor simulators on 127.0.0.1 until Ctrl+C.");
        command.Options.Add(vendors);
        overrides.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var selected = SimulatorOverrides.ParseVendors(parse.GetValue(vendors), out var error);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"gtmguard simulate: {error}");
                return 2;
            }

            return await CliHost.RunAsync(overrides.Read(parse, selected), SimulatorBanner.Print, cancellationToken);
        });
        return command;
    }
}
