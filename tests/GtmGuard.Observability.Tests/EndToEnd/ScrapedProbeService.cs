using GtmGuard.Observability.Tests.Tools;
using GtmGuard.Probes.Hosting;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Observability.Tests.EndToEnd;

/// <summary>
/// What Prometheus scrapes in <c>gtmguard up</c>, in this process on free 127.0.0.1 ports and the real clock: the four
/// simulators, the sync core (store, webhook intake, vendor clients) and the probe service sharing the sync core's
/// container, probing every integration twice a second, with live contract sampling on every response. Credentials
/// reach it only through environment variables.
/// </summary>
public sealed class ScrapedProbeService : IAsyncLifetime
{
    private readonly List<string> _environment = [];
    private readonly TempDirectory _store = new();
    private SimulatorHost? _simulators;
    private WebApplication? _sync;
    private WebApplication? _probes;

    public HubSpotSimulator HubSpot { get; private set; } = null!;

    /// <summary>The probe service's base URL (dashboard, <c>/metrics</c>).</summary>
    public Uri ProbeUrl { get; private set; } = null!;

    public HttpClient ProbeClient { get; private set; } = null!;

    /// <summary>A plain client of the HubSpot simulator, for its control API (chaos) and WireMock's admin API.</summary>
    public HttpClient HubSpotControl { get; private set; } = null!;

    /// <summary>The HubSpot simulator's private-app token (a public demo credential), for requests of the test's own.</summary>
    public string HubSpotToken { get; } = new HubSpotOptions().PrivateAppToken;

    public async Task InitializeAsync()
    {
        var options = new SimulatorsOptions();
        options.Settings.MappingsFolder = null;
        options.Settings.RequestJournalSize = 2000;
        options.HubSpot.Port = 0;
        options.Salesforce.Port = 0;
        options.Outreach.Port = 0;
        options.Clay.Port = 0;
        _simulators = new SimulatorHost(options, TimeProvider.System, NullLoggerFactory.Instance);
        _simulators.Start();
        HubSpot = _simulators.HubSpot!;

        // Wired as `gtmguard up` wires the sync core to its simulators.
        var settings = SyncConnectionSettings.For(_simulators, new IntakeSecrets(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N")), Env);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Sync:Store:Directory"] = _store.Path;
        settings["Sync:Intake:Url"] = "http://127.0.0.1:0";
        // Live contract sampling on every response, as `gtmguard up` runs it when contracts/ is at hand.
        settings["Sync:Contracts:SnapshotsDirectory"] = RepositoryRoot.File("contracts");
        settings["Sync:Contracts:SampleRate"] = "1";
        settings["Probes:Url"] = "http://127.0.0.1:0";
        settings["Probes:Interval"] = "00:00:00.500";
        // Generous, so a slow call on a loaded machine is a slow success rather than a failed check.
        settings["Probes:CheckTimeout"] = "00:00:15";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        _sync = WebhookIntakeHost.Build(configuration, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddGtmGuardVendorClients(builder.Configuration);
            builder.Services.AddGtmGuardContractSampling(builder.Configuration);
        });
        await _sync.StartAsync();
        _probes = ProbeServiceHost.Build(configuration, _sync.Services, builder => builder.Logging.ClearProviders());
        await _probes.StartAsync();
        ProbeUrl = new Uri(_probes.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        ProbeClient = new HttpClient { BaseAddress = ProbeUrl, Timeout = TimeSpan.FromSeconds(10) };
        HubSpotControl = new HttpClient { BaseAddress = new Uri(HubSpot.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        ProbeClient?.Dispose();
        HubSpotControl?.Dispose();
        if (_probes is not null)
        {
            await _probes.StopAsync();
            await _probes.DisposeAsync();
        }

        if (_sync is not null)
        {
            await _sync.StopAsync();
            await _sync.DisposeAsync();
        }

        if (_simulators is not null)
        {
            await _simulators.DisposeAsync();
        }

        foreach (var name in _environment)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _store.Dispose();
    }

    /// <summary>A uniquely named environment variable holding <paramref name="value"/>; returns its name for the configuration.</summary>
    private string Env(string name, string value)
    {
        var unique = $"GTMGUARD_OBSERVABILITY_TEST_{name}_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(unique, value);
        _environment.Add(unique);
        return unique;
    }
}
