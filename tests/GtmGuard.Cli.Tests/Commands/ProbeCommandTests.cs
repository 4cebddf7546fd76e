using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Cli.Tests.Commands;

/// <summary><c>gtmguard probe</c> as a real process, on free ports, in a temp store.</summary>
public sealed partial class ProbeCommandTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "gtmguard-probe-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [Fact]
    public async Task Probe_WithSimulators_ServesTheDashboardHealthAndMetrics_ThenCtrlCStopsIt()
    {
        using var process = GtmGuardProcess.Start(
            "probe", "--simulators", "--port", "0", "--salesforce-port", "0", "--hubspot-port", "0", "--outreach-port", "0", "--clay-port", "0", "--store", _store);

        await process.WaitForOutputAsync("GtmGuard probe service: http://127.0.0.1:", TimeSpan.FromSeconds(60));
        var url = ProbeUrl().Match(process.Stdout).Groups["url"].Value;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await http.GetAsync("/health/ready")).IsSuccessStatusCode)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"not ready. stdout: {process.Stdout} stderr: {process.Stderr}");
            await Task.Delay(100);
        }

        var report = JsonNode.Parse(await http.GetStringAsync("/api/health"))!;
        var page = await http.GetStringAsync("/");
        var metrics = await http.GetStringAsync("/metrics");

        Assert.Equal(["hubspot", "salesforce", "outreach", "clay"], report["integrations"]!.AsArray().Select(i => i!["integration"]!.GetValue<string>()));
        Assert.All(report["integrations"]!.AsArray(), i => Assert.All(i!["probes"]!.AsArray(), p => Assert.True(p!["success"]!.GetValue<bool>(), p.ToJsonString())));
        Assert.Contains("<script src=\"/assets/dashboard.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("gtmguard_probe_success{integration=\"salesforce\",check=\"token\"} 1", metrics, StringComparison.Ordinal);

        process.Interrupt();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Probe_ListeningBeyondLoopback_RefusesToStartNamingTheSetting()
    {
        using var process = GtmGuardProcess.Start(
            new Dictionary<string, string> { ["GTMGUARD__Probes__Url"] = "http://0.0.0.0:0" },
            "probe", "--store", _store);

        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("gtmguard probe: cannot start: Probes:Url 'http://0.0.0.0:0' must be an http URL on loopback", process.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex("GtmGuard probe service: (?<url>http://127\\.0\\.0\\.1:[0-9]+)")]
    private static partial Regex ProbeUrl();
}
