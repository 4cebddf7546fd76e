using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Salesforce;
using GtmGuard.Simulators.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace GtmGuard.Simulators.Tests.Salesforce;

/// <summary>
/// jsforce 3, unchanged, against the simulator on the real clock: session refresh after a 401, CRUD,
/// external-id upsert, SOQL paging and a Bulk API 2.0 load (tests/sdk-compat/jsforce-compat.mjs).
/// </summary>
public sealed class JsforceCompatibilityTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private readonly ITestOutputHelper _output;

    public JsforceCompatibilityTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Jsforce_RunsItsWholeFlowAgainstTheSimulator()
    {
        var node = SdkScript.RequireNode("jsforce");

        var stateDirectory = Path.Combine(Path.GetTempPath(), "gtmguard-sf-jsforce", Guid.NewGuid().ToString("N"));
        var options = new SalesforceOptions { Port = 0, BulkProcessingDelay = TimeSpan.FromMilliseconds(100) };
        var settings = new SimulatorSettings { MappingsFolder = null, StateDirectory = stateDirectory };
        await using var simulator = new SalesforceSimulator(options, settings, TimeProvider.System, NullLoggerFactory.Instance);
        simulator.Start();

        var credentials = simulator.Credentials;
        var (exitCode, stdout, stderr) = await SdkScript.RunAsync(node, "jsforce-compat.mjs", new Dictionary<string, string>
        {
            ["SF_INSTANCE_URL"] = simulator.BaseUrl,
            ["SF_CLIENT_ID"] = credentials["clientId"],
            ["SF_CLIENT_SECRET"] = credentials["clientSecret"],
            ["SF_REFRESH_TOKEN"] = credentials["refreshToken"],
            ["SF_API_VERSION"] = credentials["apiVersion"],
        }, ScriptTimeout);
        _output.WriteLine(stdout);
        var summary = JsonNode.Parse(stdout.Length > 0 ? stdout : "{}")!;

        Assert.True(exitCode == 0, $"jsforce-compat.mjs exited {exitCode}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.True(summary["ok"]!.GetValue<bool>(), stdout);
        Assert.Equal(0, summary["failed"]!.GetValue<int>());
        Assert.Equal(1, summary["refreshes"]!.GetValue<int>());
        var names = summary["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("jsforce refreshed the invalid session once", names);
        Assert.Contains("upsert creates then updates by External_Id__c", names);
        Assert.Contains("query pages through nextRecordsUrl", names);
        Assert.Contains("bulk upsert creates and updates rows", names);
        Directory.Delete(stateDirectory, recursive: true);
    }
}
