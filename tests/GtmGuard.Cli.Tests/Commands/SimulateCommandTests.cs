using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GtmGuard.Cli.Tests.Commands;

public sealed partial class SimulateCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Simulate_PrintsUrlsAndCredentials_ServesTheVendor_AndStopsCleanlyOnCtrlC()
    {
        using var process = GtmGuardProcess.Start("simulate", "--vendors", "hubspot", "--hubspot-port", "0");
        await process.WaitForOutputAsync("privateAppToken", Timeout);
        var url = HubSpotUrl().Match(process.Stdout).Groups["url"].Value;
        using var http = new HttpClient();

        var info = await http.GetFromJsonAsync<JsonObject>($"{url}/__gtmguard/info");
        process.Interrupt();
        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        Assert.Equal("hubspot", info!["vendor"]!.GetValue<string>());
        Assert.Contains("gtmguard-hubspot-client", process.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Simulate_WithAScenarioAndSeed_AppliesThePlanWithTheGivenSeed()
    {
        var scenario = Path.Combine(AppContext.BaseDirectory, "scenario.yaml");
        await File.WriteAllTextAsync(scenario, "name: cli-test\nseed: 5\nvendors:\n  hubspot:\n    rules:\n      - { fault: serverError, probability: 0.5 }\n");
        using var process = GtmGuardProcess.Start("simulate", "--vendors", "hubspot", "--hubspot-port", "0", "--scenario", scenario, "--seed", "11");

        await process.WaitForOutputAsync("chaos", Timeout);

        Assert.Contains("cli-test", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("scenario seed 11,", process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_WithAnUnknownVendor_ExitsWith2AndNamesIt()
    {
        using var process = GtmGuardProcess.Start("simulate", "--vendors", "hubspot,zendesk");

        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("zendesk", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_WithAnInvalidTier_ExitsWith2NamingTheSetting()
    {
        using var process = GtmGuardProcess.Start(
            new Dictionary<string, string> { ["GTMGUARD__Simulators__HubSpot__Tier"] = "gold" },
            "up", "--hubspot-port", "0", "--salesforce-port", "0", "--outreach-port", "0", "--clay-port", "0");

        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("Simulators:HubSpot:Tier", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_WithAMissingScenarioFile_ExitsWith2NamingTheFile()
    {
        using var process = GtmGuardProcess.Start("up", "--hubspot-port", "0", "--salesforce-port", "0", "--outreach-port", "0", "--clay-port", "0", "--scenario", "/nonexistent/chaos.yaml");

        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("/nonexistent/chaos.yaml", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_WithANonLoopbackBindAddress_IsRefused()
    {
        using var process = GtmGuardProcess.Start(
            new Dictionary<string, string> { ["GTMGUARD__Simulators__Settings__BindAddress"] = "0.0.0.0" },
            "up", "--hubspot-port", "0", "--salesforce-port", "0", "--outreach-port", "0", "--clay-port", "0");

        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("BindAddress", process.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"hubspot\s+(?<url>http://\S+)")]
    private static partial Regex HubSpotUrl();
}
