using System.CommandLine;
using System.Globalization;
using GtmGuard.Cli.Up;
using GtmGuard.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GtmGuard.Cli.Commands;

/// <summary>
/// <c>gtmguard probe [--simulators] [--port P]</c>: the probe service and health dashboard alone, probing the configured
/// <c>Sync:Vendors:*</c> endpoints (simulators or real vendors), or, with <c>--simulators</c>, embedded simulators.
/// </summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var overrides = new SimulatorOverrides();
        var simulators = new Option<bool>("--simulators") { Description = "Start the four simulators in-process and probe them (ports as for simulate)." };
        var port = new Option<int?>("--port") { Description = "Probe service port (default 5120; 0 picks a free port)." };
        var store = StoreAccess.StoreOption();
        var command = new Command("probe", "Run the probe service and health dashboard on 127.0.0.1 until Ctrl+C.") { simulators, port, store };
        overrides.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = overrides.Read(parse);
            foreach (var (key, value) in StoreAccess.Overrides(parse.GetValue(store)))
            {
                settings[key] = value;
            }

            if (parse.GetValue(port) is { } probePort)
            {
                settings["Probes:Url"] = "http://127.0.0.1:" + probePort.ToString(CultureInfo.InvariantCulture);
            }

            return parse.GetValue(simulators)
                ? await WithSimulatorsAsync(settings, cancellationToken)
                : await AloneAsync(CliHost.Configuration(settings), cancellationToken);
        });
        return command;
    }

    private static async Task<int> WithSimulatorsAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        using var simulatorHost = CliHost.Build(settings);
        try
        {
            await simulatorHost.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OptionsValidationException or GtmGuard.Simulators.Chaos.ChaosPlanException or IOException or ArgumentException)
        {
            return await CannotStartAsync(ex);
        }

        SimulatorBanner.Print(simulatorHost.Services, Console.Out);
        var configuration = CliHost.Configuration(settings, DemoConnections.Configure(simulatorHost.Services.GetRequiredService<SimulatorHost>()));
        var code = await AloneAsync(configuration, cancellationToken);
        await simulatorHost.StopAsync(CancellationToken.None);
        return code;
    }

    private static async Task<int> AloneAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = ProbeService.Build(configuration);
        }
        catch (ArgumentException ex)
        {
            return await CannotStartAsync(ex);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or IOException or ArgumentException)
            {
                return await CannotStartAsync(ex);
            }

            Console.WriteLine($"GtmGuard probe service: {ProbeService.Url(app)} (dashboard; /api/health, /metrics, /health/ready) — Ctrl+C to stop");
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    private static async Task<int> CannotStartAsync(Exception ex)
    {
        await Console.Error.WriteLineAsync($"gtmguard probe: cannot start: {ex.Message}");
        return 2;
    }
}
