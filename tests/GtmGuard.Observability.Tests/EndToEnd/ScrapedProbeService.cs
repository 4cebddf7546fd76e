using GtmGuard.Observability.Tests.Tools;
using GtmGuard.Probes.Hosting;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Simulators.Salesforce;
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
    private readonly List<VendorSimulator> _simulators = [];
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
        var settings = new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 2000 };
        HubSpot = Start(new HubSpotSimulator(new HubSpotOptions { Port = 0 }, settings, TimeProvider.System, NullLoggerFactory.Instance));
        var salesforce = Start(new SalesforceSimulator(new SalesforceOptions { Port = 0 }, settings, TimeProvider.System, NullLoggerFactory.Instance));
        var outreach = Start(new OutreachSimulator(new OutreachOptions { Port = 0 }, settings, TimeProvider.System, NullLoggerFactory.Instance));
        var clayOptions = new ClayOptions { Port = 0 };
        var clay = Start(new ClaySimulator(clayOptions, settings, TimeProvider.System, NullLoggerFactory.Instance));
        var table = clayOptions.Tables.Count > 0 ? clayOptions.Tables[0] : ClayTableOptions.Default();

        var hubSpotOptions = new HubSpotOptions();
        var salesforceOptions = new SalesforceOptions();
        var outreachOptions = new OutreachOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Sync:Store:Directory"] = _store.Path,
            ["Sync:Intake:Url"] = "http://127.0.0.1:0",
            ["Sync:Intake:HubSpot:ClientSecretEnv"] = Env("HS_SECRET", hubSpotOptions.ClientSecret),
            ["Sync:Intake:Outreach:SecretEnv"] = Env("OR_HOOK", "outreach-webhook-secret-for-observability-tests"),
            ["Sync:Intake:Clay:TokenEnv"] = Env("CLAY_HOOK", "clay-callback-token-for-observability-tests"),
            ["Sync:Vendors:HubSpot:BaseUrl"] = HubSpot.BaseUrl,
            ["Sync:Vendors:HubSpot:Auth"] = "PrivateApp",
            ["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = Env("HS_PAT", hubSpotOptions.PrivateAppToken),
            ["Sync:Vendors:Salesforce:BaseUrl"] = salesforce.BaseUrl,
            ["Sync:Vendors:Salesforce:Auth"] = "RefreshToken",
            ["Sync:Vendors:Salesforce:ClientId"] = salesforceOptions.ClientId,
            ["Sync:Vendors:Salesforce:ClientSecretEnv"] = Env("SF_SECRET", salesforceOptions.ClientSecret),
            ["Sync:Vendors:Salesforce:RefreshTokenEnv"] = Env("SF_REFRESH", salesforceOptions.RefreshToken),
            ["Sync:Vendors:Outreach:BaseUrl"] = outreach.BaseUrl + "/api/v2",
            ["Sync:Vendors:Outreach:ClientId"] = outreachOptions.ClientId,
            ["Sync:Vendors:Outreach:ClientSecretEnv"] = Env("OR_SECRET", outreachOptions.ClientSecret),
            ["Sync:Vendors:Outreach:RefreshTokenEnv"] = Env("OR_REFRESH", outreachOptions.RefreshToken),
            ["Sync:Vendors:Clay:BaseUrl"] = clay.BaseUrl + "/public/v0",
            ["Sync:Vendors:Clay:ApiKeyEnv"] = Env("CLAY_KEY", clayOptions.ApiKey),
            ["Sync:Vendors:Clay:WebhookUrl"] = $"{clay.BaseUrl}/v3/sources/webhook/{table.WebhookSourceId}",
            // Live contract sampling on every response, as `gtmguard up` runs it when contracts/ is at hand.
            ["Sync:Contracts:SnapshotsDirectory"] = RepositoryRoot.File("contracts"),
            ["Sync:Contracts:SampleRate"] = "1",
            ["Probes:Url"] = "http://127.0.0.1:0",
            ["Probes:Interval"] = "00:00:00.500",
            // Generous, so a slow call on a loaded machine is a slow success rather than a failed check.
            ["Probes:CheckTimeout"] = "00:00:15",
        }).Build();

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

        foreach (var simulator in _simulators)
        {
            await simulator.DisposeAsync();
        }

        foreach (var name in _environment)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _store.Dispose();
    }

    private T Start<T>(T simulator)
        where T : VendorSimulator
    {
        simulator.Start();
        _simulators.Add(simulator);
        return simulator;
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
