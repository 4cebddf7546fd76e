using GtmGuard.Sync.Telemetry;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using WireMock.Logging;

namespace GtmGuard.Sync.Tests;

/// <summary>
/// A real vendor simulator on a free loopback port and the sync core's vendor clients pointed at it, both on one fake
/// clock; credentials reach the sync core only through uniquely named environment variables or files; logs are captured.
/// </summary>
internal abstract class SyncHost<TSimulator> : IAsyncDisposable
    where TSimulator : VendorSimulator
{
    private readonly List<string> _environment = [];
    private readonly List<string> _files = [];

    protected SyncHost(TestClock clock, TSimulator simulator)
    {
        Clock = clock;
        Simulator = simulator;
        Raw = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
    }

    public TestClock Clock { get; }

    public TSimulator Simulator { get; }

    public LogCapture Logs { get; } = new();

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>A plain client of the simulator (control API, calls by "other clients" of the account).</summary>
    public HttpClient Raw { get; }

    public ServiceProvider Provider { get; private set; } = null!;

    public static SimulatorSettings SimulatorSettings() => new() { MappingsFolder = null, RequestJournalSize = 20_000 };

    public static ServiceProvider BuildProvider(IReadOnlyDictionary<string, string?> settings, TimeProvider clock, LogCapture logs, CollectorRegistry registry)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(clock);
        services.AddSingleton(registry);
        services.AddGtmGuardVendorClients(configuration);
        if (settings.ContainsKey("Sync:Contracts:SnapshotsDirectory"))
        {
            services.AddGtmGuardContractSampling(configuration);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The body the simulator answered with (its built-ins answer bytes).</summary>
    public static string ResponseBody(ILogEntry entry) =>
        entry.ResponseMessage.BodyData is { } body
            ? body.BodyAsString ?? (body.BodyAsBytes is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty)
            : string.Empty;

    /// <summary>Builds the sync core from <paramref name="settings"/> and validates its options as a host would at start.</summary>
    public void Build(IReadOnlyDictionary<string, string?> settings)
    {
        Provider = BuildProvider(settings, Clock, Logs, Registry);
        Provider.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>Requests the simulator received on exactly <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Simulator.Server.LogEntries.Where(e => e.RequestMessage.Path == path).ToList();

    /// <summary>Statuses the simulator answered on paths starting with <paramref name="pathPrefix"/>, control API excluded.</summary>
    public IReadOnlyList<int> Statuses(string? pathPrefix = null) =>
        Simulator.Server.LogEntries
            .Where(e => !e.RequestMessage.Path.StartsWith("/__", StringComparison.Ordinal))
            .Where(e => pathPrefix is null || e.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .Select(e => Convert.ToInt32(e.ResponseMessage.StatusCode, CultureInfo.InvariantCulture))
            .ToList();

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

    public async Task<JsonArray> StateAsync(string type) =>
        (JsonArray)JsonNode.Parse(await Raw.GetStringAsync("/__gtmguard/state/" + type))!;

    /// <summary>Puts a secret into a process environment variable only this host uses and returns its name.</summary>
    public string Env(string suffix, string value)
    {
        var name = $"GTMGUARD_TEST_{Guid.NewGuid():N}_{suffix}";
        Environment.SetEnvironmentVariable(name, value);
        _environment.Add(name);
        return name;
    }

    /// <summary>Writes a secret to a temporary file only this host uses and returns its path.</summary>
    public string File(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gtmguard-test-{Guid.NewGuid():N}.secret");
        System.IO.File.WriteAllText(path, content);
        _files.Add(path);
        return path;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        Raw.Dispose();
        await Simulator.DisposeAsync();
        foreach (var name in _environment)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var path in _files)
        {
            System.IO.File.Delete(path);
        }

        GC.SuppressFinalize(this);
    }
}
