using System.Text.Json.Nodes;
using GtmGuard.Observability.Tests.Tools;

namespace GtmGuard.Observability.Tests.GrafanaProvisioning;

/// <summary>
/// The dashboard JSON type-checked against Grafana's published <c>Dashboard</c> type (@grafana/schema, TypeScript) by
/// tests/grafana-schema/check.mjs; its packages come from <c>npm ci --prefix tests/grafana-schema</c> (eng/test.sh).
/// </summary>
public sealed class DashboardSchemaTests
{
    private static string CheckerFolder => RepositoryRoot.File("tests", "grafana-schema");

    [Fact]
    public async Task Dashboard_SatisfiesGrafanaDashboardSchema()
    {
        var result = await CheckAsync();

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("ok " + RepositoryRoot.File("grafana", "dashboards", "gtmguard.json"), result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thresholds-mode")]
    [InlineData("missing-schema-version")]
    [InlineData("misspelt-property")]
    public async Task BrokenDashboard_FailsTheTypeCheck(string breakage)
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("grafana", "dashboards", "gtmguard.json")))!.AsObject();
        var firstPanel = ProvisionedExpressions.Panels(dashboard["panels"]!.AsArray()).First();
        switch (breakage)
        {
            case "thresholds-mode":
                firstPanel["fieldConfig"]!["defaults"]!["thresholds"]!["mode"] = "relative";
                break;
            case "missing-schema-version":
                dashboard.Remove("schemaVersion");
                break;
            default:
                dashboard["refreshInterval"] = "10s";
                break;
        }

        using var directory = new TempDirectory();
        var file = directory.File("broken.json");
        await File.WriteAllTextAsync(file, dashboard.ToJsonString());

        var before = GeneratedFolders();

        var result = await CheckAsync(file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error TS", result.Error, StringComparison.Ordinal);
        Assert.Empty(GeneratedFolders().Except(before));
    }

    /// <summary>check.mjs' generated-* working folders in the source tree; each run must remove its own, failing or not.</summary>
    private static string[] GeneratedFolders() => Directory.GetDirectories(CheckerFolder, "generated-*");

    private static async Task<ToolResult> CheckAsync(params string[] dashboards)
    {
        Assert.True(
            Directory.Exists(Path.Combine(CheckerFolder, "node_modules", "@grafana", "schema")),
            "@grafana/schema is not installed: run `npm ci --prefix tests/grafana-schema` (eng/test.sh does)");
        return await ExternalTool.RunAsync("node", ["check.mjs", .. dashboards], CheckerFolder);
    }
}
