using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using SimulatorOptions = GtmGuard.Simulators.HubSpot.HubSpotOptions;

namespace GtmGuard.Sync.Tests.Vendors.HubSpot;

/// <summary>
/// The real HubSpot simulator on a free port and the sync core's vendor clients pointed at it, both on one fake clock,
/// with credentials handed over through uniquely named environment variables and logs captured.
/// </summary>
internal sealed class HubSpotSyncHost : IAsyncDisposable
{
    public const string ContactsPath = "/crm/v3/objects/contacts";
    public const string TokenPath = "/oauth/v1/token";

    private readonly List<string> _environment = [];

    private HubSpotSyncHost(TestClock clock, SimulatorOptions simulatorOptions, HubSpotSimulator simulator)
    {
        Clock = clock;
        SimulatorOptions = simulatorOptions;
        Simulator = simulator;
        Raw = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        Raw.DefaultRequestHeaders.Authorization = new("Bearer", simulatorOptions.PrivateAppToken);
    }

    public TestClock Clock { get; }

    public SimulatorOptions SimulatorOptions { get; }

    public HubSpotSimulator Simulator { get; }

    public LogCapture Logs { get; } = new();

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>Another client of the same HubSpot account (the private-app token), outside the sync core.</summary>
    public HttpClient Raw { get; }

    public ServiceProvider Provider { get; private set; } = null!;

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
        var hubspot = new HubSpotSimulator(simulatorOptions, new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 10_000 }, clock, NullLoggerFactory.Instance);
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

        host.Provider = BuildProvider(configuration, clock, host.Logs, host.Registry);
        host.Provider.GetRequiredService<IStartupValidator>().Validate();
        return host;
    }

    public static ServiceProvider BuildProvider(IReadOnlyDictionary<string, string?> settings, TimeProvider clock, LogCapture logs, CollectorRegistry registry)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(clock);
        services.AddSingleton(registry);
        services.AddGtmGuardVendorClients(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Requests the simulator received on <paramref name="path"/> (exact path), in arrival order.</summary>
    public IReadOnlyList<WireMock.Logging.ILogEntry> Requests(string path) =>
        Simulator.Server.LogEntries.Where(e => e.RequestMessage.Path == path).ToList();

    public IReadOnlyList<int> Statuses(string? pathPrefix = null) =>
        Simulator.Server.LogEntries
            .Where(e => pathPrefix is null || e.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .Select(e => Convert.ToInt32(e.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The body the simulator answered with (its built-ins answer bytes).</summary>
    public static string ResponseBody(WireMock.Logging.ILogEntry entry) =>
        entry.ResponseMessage.BodyData is { } body
            ? body.BodyAsString ?? (body.BodyAsBytes is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty)
            : string.Empty;

    public async Task ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "/__gtmguard" + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Raw.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"Control {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonArray> StateAsync(string type = "contacts") =>
        (JsonArray)JsonNode.Parse(await Raw.GetStringAsync("/__gtmguard/state/" + type))!;

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        Raw.Dispose();
        await Simulator.DisposeAsync();
        foreach (var name in _environment)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>Puts a secret into a process environment variable only this host uses and returns its name.</summary>
    public string Env(string suffix, string value)
    {
        var name = $"GTMGUARD_TEST_{Guid.NewGuid():N}_{suffix}";
        Environment.SetEnvironmentVariable(name, value);
        _environment.Add(name);
        return name;
    }
}
