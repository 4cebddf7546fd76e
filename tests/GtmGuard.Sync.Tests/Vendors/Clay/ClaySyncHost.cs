using GtmGuard.Simulators.Clay;
using GtmGuard.Sync.Vendors.Clay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SimulatorOptions = GtmGuard.Simulators.Clay.ClayOptions;

namespace GtmGuard.Sync.Tests.Vendors.Clay;

/// <summary>The Clay simulator with one token-protected webhook source, and the sync core's Clay client.</summary>
internal sealed class ClaySyncHost : SyncHost<ClaySimulator>
{
    public const string SourceId = "pull-in-data-from-a-webhook-sync-tests";
    public const string WebhookPath = "/v3/sources/webhook/" + SourceId;

    private ClaySyncHost(TestClock clock, SimulatorOptions simulatorOptions, ClaySimulator simulator)
        : base(clock, simulator)
    {
        SimulatorOptions = simulatorOptions;
    }

    public SimulatorOptions SimulatorOptions { get; }

    public string WebhookToken { get; private init; } = string.Empty;

    public ClayClient Client => Provider.GetRequiredService<ClayClient>();

    public static ClaySyncHost Start(Action<SimulatorOptions>? simulator = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new TestClock();
        var unique = Guid.NewGuid().ToString("N");
        var token = "clay-hook-" + unique;
        var simulatorOptions = new SimulatorOptions
        {
            Port = 0,
            ApiKey = "clay-key-" + unique,
            Tables = [new ClayTableOptions { Id = "t_sync", Name = "sync", WebhookSourceId = SourceId, WebhookAuthToken = token }],
        };
        simulator?.Invoke(simulatorOptions);
        var clay = new ClaySimulator(simulatorOptions, SimulatorSettings(), clock, NullLoggerFactory.Instance);
        clay.Start();
        var host = new ClaySyncHost(clock, simulatorOptions, clay) { WebhookToken = token };
        var configuration = new Dictionary<string, string?>
        {
            ["Sync:Vendors:Clay:BaseUrl"] = clay.BaseUrl + "/public/v0",
            ["Sync:Vendors:Clay:ApiKeyEnv"] = host.Env("CLAY_KEY", simulatorOptions.ApiKey),
            ["Sync:Vendors:Clay:WebhookUrl"] = clay.BaseUrl + WebhookPath,
            ["Sync:Vendors:Clay:WebhookAuthTokenFile"] = host.File(token),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        host.Build(configuration);
        return host;
    }

    public static List<IReadOnlyDictionary<string, object?>> Rows(int count) =>
        Enumerable.Range(1, count)
            .Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["email"] = $"lead{i}@example.com", ["company"] = "Acme", ["score"] = i })
            .ToList();
}
