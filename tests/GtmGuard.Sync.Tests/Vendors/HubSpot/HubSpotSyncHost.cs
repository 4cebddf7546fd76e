using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SimulatorOptions = GtmGuard.Simulators.HubSpot.HubSpotOptions;

namespace GtmGuard.Sync.Tests.Vendors.HubSpot;

/// <summary>The HubSpot simulator and the sync core's HubSpot client, private-app token or OAuth.</summary>
internal sealed class HubSpotSyncHost : SyncHost<HubSpotSimulator>
{
    public const string ContactsPath = "/crm/v3/objects/contacts";
    public const string TokenPath = "/oauth/v1/token";

    private HubSpotSyncHost(TestClock clock, SimulatorOptions simulatorOptions, HubSpotSimulator simulator)
        : base(clock, simulator)
    {
        SimulatorOptions = simulatorOptions;
        Raw.DefaultRequestHeaders.Authorization = new("Bearer", simulatorOptions.PrivateAppToken);
    }

    public SimulatorOptions SimulatorOptions { get; }

    public HubSpotClient Client => Provider.GetRequiredService<HubSpotClient>();

    public QuotaLimiter Limiter => SyncServiceCollectionExtensions.Limiter(Provider, VendorId.HubSpot);

    public VendorMetrics VendorMetrics => Provider.GetRequiredService<VendorMetrics>();

    public static HubSpotSyncHost Start(
        bool oauth = false,
        Action<SimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new TestClock();
        var unique = Guid.NewGuid().ToString("N");
        var simulatorOptions = new SimulatorOptions
        {
            Port = 0,
            ClientSecret = "hs-client-secret-" + unique,
            RefreshToken = "hs-refresh-" + unique,
            PrivateAppToken = "pat-na1-" + unique,
        };
        simulator?.Invoke(simulatorOptions);
        var hubspot = new HubSpotSimulator(simulatorOptions, SimulatorSettings(), clock, NullLoggerFactory.Instance);
        hubspot.Start();
        var host = new HubSpotSyncHost(clock, simulatorOptions, hubspot);
        var configuration = new Dictionary<string, string?>
        {
            ["Sync:Vendors:HubSpot:BaseUrl"] = hubspot.BaseUrl,
            ["Sync:Vendors:HubSpot:Auth"] = oauth ? "OAuth" : "PrivateApp",
            ["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = host.Env("PAT", simulatorOptions.PrivateAppToken),
            ["Sync:Vendors:HubSpot:ClientId"] = simulatorOptions.ClientId,
            ["Sync:Vendors:HubSpot:ClientSecretEnv"] = host.Env("SECRET", simulatorOptions.ClientSecret),
            ["Sync:Vendors:HubSpot:RefreshTokenEnv"] = host.Env("REFRESH", simulatorOptions.RefreshToken),
            ["Sync:Vendors:HubSpot:Resilience:JitterSeed"] = "7",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        host.Build(configuration);
        return host;
    }

    public Task<System.Text.Json.Nodes.JsonArray> StateAsync() => StateAsync("contacts");
}
