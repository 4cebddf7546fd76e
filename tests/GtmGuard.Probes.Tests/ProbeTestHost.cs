using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Probes.Hosting;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Simulators.Salesforce;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace GtmGuard.Probes.Tests;

/// <summary>
/// The four simulators in-process on free loopback ports and the probe service pointed at them, on its own free port
/// and its own metrics registry; credentials reach it only through uniquely named environment variables. Scheduled
/// rounds are an hour apart, so tests drive rounds themselves (the first still runs at start).
/// </summary>
internal sealed class ProbeTestHost : IAsyncDisposable
{
    public const string SourceId = "pull-in-data-from-a-webhook-probe-tests";

    private readonly List<string> _environment = [];
    private readonly SimulatorHost _simulators;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtmguard-probe-tests", Guid.NewGuid().ToString("N"));

    private ProbeTestHost()
    {
        var options = new SimulatorsOptions();
        options.Settings.MappingsFolder = null;
        options.Settings.RequestJournalSize = 500;
        options.Settings.EnforceQuotas = false;
        options.HubSpot.Port = 0;
        options.Salesforce.Port = 0;
        options.Outreach.Port = 0;
        options.Clay.Port = 0;
        options.Clay.Tables = [new ClayTableOptions { Id = "t_leads", Name = "leads", WebhookSourceId = SourceId }];
        _simulators = new SimulatorHost(options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public HubSpotSimulator HubSpot => _simulators.HubSpot!;

    public SalesforceSimulator Salesforce => _simulators.Salesforce!;

    public OutreachSimulator Outreach => _simulators.Outreach!;

    public ClaySimulator Clay => _simulators.Clay!;

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public WebApplication App { get; private set; } = null!;

    /// <summary>A client of the probe service.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>
    /// Starts everything; <paramref name="beforeStart"/> runs once the simulators are up (e.g. to apply chaos before the
    /// first round). <paramref name="settings"/> override the defaults (a null value removes a setting).
    /// </summary>
    public static async Task<ProbeTestHost> StartAsync(IDictionary<string, string?>? settings = null, Func<ProbeTestHost, Task>? beforeStart = null)
    {
        var host = new ProbeTestHost();
        host._simulators.Start();
        if (beforeStart is not null)
        {
            await beforeStart(host);
        }

        await host.StartProbesAsync(settings);
        return host;
    }

    /// <summary>Replaces a simulator's chaos plan (the same JSON <c>PUT /__gtmguard/chaos</c> takes).</summary>
    public static async Task SetChaosAsync(VendorSimulator simulator, object plan)
    {
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        using var response = await http.PutAsJsonAsync("/__gtmguard/chaos", plan);
        Assert.True(response.IsSuccessStatusCode, $"chaos: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task ClearChaosAsync(VendorSimulator simulator)
    {
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        using var response = await http.DeleteAsync("/__gtmguard/chaos");
        Assert.True(response.IsSuccessStatusCode, $"clear chaos: {(int)response.StatusCode}");
    }

    public static async Task<JsonArray> StateAsync(VendorSimulator simulator, string type)
    {
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        return (JsonArray)JsonNode.Parse(await http.GetStringAsync("/__gtmguard/state/" + type))!;
    }

    /// <summary>Runs a probe round through the service's own endpoint and returns the health report it answers with.</summary>
    public async Task<JsonObject> RunRoundAsync(string? integration = null)
    {
        using var response = await Http.PostAsync("/api/probes/run" + (integration is null ? string.Empty : "?integration=" + integration), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"probe round: {(int)response.StatusCode} {body}");
        return (JsonObject)JsonNode.Parse(body)!;
    }

    public async Task<JsonObject> HealthAsync(string query = "") =>
        (JsonObject)JsonNode.Parse(await Http.GetStringAsync("/api/health" + query))!;

    public static JsonObject Integration(JsonObject report, string name) =>
        (JsonObject)report["integrations"]!.AsArray().Single(i => i!["integration"]!.GetValue<string>() == name)!;

    public Task<string> MetricsTextAsync() => Http.GetStringAsync("/metrics");

    /// <summary>Waits for <c>/health/ready</c> (the first probe round done).</summary>
    public Task WaitUntilReadyAsync() => Eventually.TrueAsync(
        async () =>
        {
            using var response = await Http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        },
        "The probe service did not become ready.");

    /// <summary>The value of one series in the exposition text, or null when it is absent.</summary>
    public static double? Sample(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await _simulators.DisposeAsync();
        foreach (var name in _environment)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task StartProbesAsync(IDictionary<string, string?>? overrides)
    {
        var settings = SyncConnectionSettings.For(_simulators, new IntakeSecrets(ProbeTestSecret(), ProbeTestSecret()), Env);
        settings["Probes:Url"] = "http://127.0.0.1:0";
        settings["Probes:Interval"] = "01:00:00";
        settings["Probes:CheckTimeout"] = "00:00:20";
        settings["Probes:DashboardRefresh"] = "00:00:00.500";
        settings["Sync:Store:Directory"] = _directory;

        // Failing calls retry once, quickly, and never open the breaker: each probe round is a known number of attempts.
        foreach (var vendor in new[] { "HubSpot", "Salesforce", "Outreach", "Clay" })
        {
            settings[$"Sync:Vendors:{vendor}:Resilience:MaxRetryAttempts"] = "1";
            settings[$"Sync:Vendors:{vendor}:Resilience:BaseDelay"] = "00:00:00.010";
            settings[$"Sync:Vendors:{vendor}:Resilience:MaxDelay"] = "00:00:00.020";
            settings[$"Sync:Vendors:{vendor}:Resilience:BreakerMinimumThroughput"] = "100000";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        App = ProbeServiceHost.Build(configuration, configure: builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(Registry);
        });
        await App.StartAsync();
        BaseUrl = new Uri(App.Urls.First());
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static string ProbeTestSecret() => Guid.NewGuid().ToString("N");

    private string Env(string suffix, string value)
    {
        var name = $"GTMGUARD_PROBE_TEST_{Guid.NewGuid():N}_{suffix}";
        Environment.SetEnvironmentVariable(name, value);
        _environment.Add(name);
        return name;
    }
}
