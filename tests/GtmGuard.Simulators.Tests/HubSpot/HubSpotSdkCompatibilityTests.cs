using System.Text.Json.Nodes;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Simulators.Tests.HubSpot;

/// <summary>Runs HubSpot's own Node SDK (<c>@hubspot/api-client</c>, unchanged) against the simulator on the real clock.</summary>
public sealed class HubSpotSdkCompatibilityTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task HubSpotNodeSdk_CrudSearchUpsertPagingAndErrors_MatchTheSimulator()
    {
        var node = SdkScript.RequireNode("@hubspot/api-client");
        var options = new HubSpotOptions { Port = 0 };
        await using var simulator = new HubSpotSimulator(options, SimulatorFactory.Settings(), TimeProvider.System, NullLoggerFactory.Instance);
        simulator.Start();

        var (exitCode, stdout, stderr) = await SdkScript.RunAsync(node, "hubspot-compat.mjs", new Dictionary<string, string>
        {
            ["HUBSPOT_BASE_URL"] = simulator.BaseUrl,
            ["HUBSPOT_ACCESS_TOKEN"] = options.PrivateAppToken,
            ["HUBSPOT_CLIENT_SECRET"] = options.ClientSecret,
        }, ScriptTimeout);

        Assert.True(exitCode == 0, $"hubspot-compat.mjs exited {exitCode}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var summary = JsonNode.Parse(stdout)!;
        Assert.True(summary["ok"]!.GetValue<bool>());
        Assert.Equal(0, summary["failed"]!.GetValue<int>());
        var names = summary["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("unknown id raises the SDK's ApiException with code 404", names);
        Assert.Contains("batch upsert by email updates next (new=false, same id)", names);
        Assert.Contains("getAll pages through every contact once", names);
        Assert.Contains("webhook v3 signature passes Signature.isValid", names);
        Assert.True(names.Count >= 14, $"expected every check to run, got {names.Count}: {string.Join(", ", names)}");
    }
}
