using GtmGuard.Cli.Commands;
using GtmGuard.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GtmGuard.Cli.Up;

/// <summary>Starts the simulators, then the sync core pointed at them, subscribes the webhooks, starts the lead stream, and runs until Ctrl+C.</summary>
internal static class MainJob
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        using var simulatorHost = CliHost.Build(overrides);
        if (!await TryAsync(() => simulatorHost.StartAsync(cancellationToken)))
        {
            return 2;
        }

        var simulators = simulatorHost.Services.GetRequiredService<SimulatorHost>();
        var configuration = CliHost.Configuration(overrides, DemoConnections.Configure(simulators));
        var sync = SyncCore.Build(configuration, builder => builder.AddLeadGenerator(new DemoTargets(simulators.Outreach?.BaseUrl)));
        await using (sync.ConfigureAwait(false))
        {
            if (!await TryAsync(() => sync.StartAsync(cancellationToken)))
            {
                await simulatorHost.StopAsync(CancellationToken.None);
                return 2;
            }

            var intake = new Uri(sync.Urls.First());
            if (!await TryAsync(() => Subscriptions.SubscribeAsync(simulators, intake, cancellationToken)))
            {
                await sync.StopAsync(CancellationToken.None);
                await simulatorHost.StopAsync(CancellationToken.None);
                return 2;
            }

            // The probe service shares the sync core's clients, token caches and quotas, so its dashboard shows the sync's calls.
            var probes = await StartProbesAsync(configuration, sync.Services, cancellationToken);
            if (probes is null)
            {
                await sync.StopAsync(CancellationToken.None);
                await simulatorHost.StopAsync(CancellationToken.None);
                return 2;
            }

            await using (probes.ConfigureAwait(false))
            {
                sync.Services.GetRequiredService<StartSignal>().Fire();
                UpBanner.Print(simulatorHost.Services, intake, sync.Services.GetRequiredService<IOptions<GtmGuard.Sync.Storage.SyncStoreOptions>>().Value, new Uri(ProbeService.Url(probes)), Console.Out);
                await simulatorHost.WaitForShutdownAsync(cancellationToken);
                await probes.StopAsync(CancellationToken.None);
                await sync.StopAsync(CancellationToken.None);
            }
        }

        return 0;
    }

    private static async Task<WebApplication?> StartProbesAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, IServiceProvider syncCore, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        if (await TryAsync(async () =>
            {
                app = ProbeService.Build(configuration, syncCore);
                await app.StartAsync(cancellationToken);
            }))
        {
            return app;
        }

        if (app is not null)
        {
            await app.DisposeAsync();
        }

        return null;
    }

    /// <summary>Runs a start-up step; a configuration or connection problem prints a message naming it instead of a stack trace.</summary>
    private static async Task<bool> TryAsync(Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception ex) when (ex is OptionsValidationException or GtmGuard.Simulators.Chaos.ChaosPlanException or IOException or ArgumentException or InvalidOperationException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"gtmguard: cannot start: {ex.Message}");
            return false;
        }
    }
}
