namespace GtmGuard.Cli.Tests.Commands;

/// <summary><c>gtmguard sync</c> start-up checks as a real process.</summary>
public sealed class SyncCommandTests
{
    [Fact]
    public async Task SyncOnce_WithoutSecretsOrVendorSettings_ExitsWithTwoAndNamesTheMissingSetting()
    {
        var store = Path.Combine(Path.GetTempPath(), "gtmguard-sync-tests", Guid.NewGuid().ToString("N"));
        using var process = GtmGuardProcess.Start("sync", "--workflow", "enrichment", "--once", "--store", store);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.Contains("gtmguard sync: cannot start: Sync:", process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WithAnUnknownWorkflow_IsRefused()
    {
        using var process = GtmGuardProcess.Start("sync", "--workflow", "payroll", "--once");

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.Contains("gtmguard sync: ", process.Stderr, StringComparison.Ordinal);
        Assert.Contains("payroll", process.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-wait x", "'x'")]
    [InlineData("--once", "--workflow")]
    [InlineData("--workflow enrichment --speed 3", "--speed")]
    public async Task Sync_WithMalformedArguments_ExitsWithTwo_NotTheDeadLetteredOne(string commandLine, string named)
    {
        using var process = GtmGuardProcess.Start(["sync", .. commandLine.Split(' ')]);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.Contains("gtmguard sync: ", process.Stderr, StringComparison.Ordinal);
        Assert.Contains(named, process.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A configuration that starts, except for <paramref name="broken"/>.</summary>
    private static Dictionary<string, string> Valid(Dictionary<string, string> broken)
    {
        var environment = new Dictionary<string, string>
        {
            ["GTMGUARD__Sync__Intake__HubSpot__Enabled"] = "false",
            ["GTMGUARD__Sync__Intake__Outreach__Enabled"] = "false",
            ["GTMGUARD__Sync__Intake__Clay__TokenEnv"] = "MISCONFIG_CLAY_TOKEN",
            ["MISCONFIG_CLAY_TOKEN"] = "misconfig-clay-token",
            ["GTMGUARD__Sync__Vendors__HubSpot__BaseUrl"] = "http://127.0.0.1:9",
            ["GTMGUARD__Sync__Vendors__HubSpot__Auth"] = "PrivateApp",
            ["GTMGUARD__Sync__Vendors__HubSpot__PrivateAppTokenEnv"] = "MISCONFIG_HS_PAT",
            ["MISCONFIG_HS_PAT"] = "pat-misconfig",
        };
        foreach (var (name, value) in broken)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static async Task<GtmGuardProcess> RunAsync(Dictionary<string, string> environment)
    {
        var store = Path.Combine(Path.GetTempPath(), "gtmguard-sync-tests", Guid.NewGuid().ToString("N"));
        var process = GtmGuardProcess.Start(environment, "sync", "--workflow", "enrichment", "--store", store);
        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain("Unhandled exception", process.Stderr, StringComparison.Ordinal);
        return process;
    }

    [Fact]
    public async Task Sync_WithAMissingCredential_NamesTheSetting()
    {
        using var process = await RunAsync(Valid(new() { ["GTMGUARD__Sync__Vendors__HubSpot__PrivateAppTokenEnv"] = "MISCONFIG_SURELY_UNSET_PAT" }));

        Assert.Contains(
            "gtmguard sync: cannot start: Sync:Vendors:HubSpot:PrivateAppTokenEnv names the environment variable 'MISCONFIG_SURELY_UNSET_PAT', which is not set or empty.",
            process.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WithABadUrl_NamesTheSettingAndTheValue()
    {
        using var process = await RunAsync(Valid(new() { ["GTMGUARD__Sync__Vendors__HubSpot__BaseUrl"] = "api.hubapi.com/no-scheme" }));

        Assert.Contains("Sync:Vendors:HubSpot:BaseUrl 'api.hubapi.com/no-scheme' is not an absolute http(s) URL.", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WithAnUnreadableJwtKeyFile_NamesTheSettingAndThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "salesforce-jwt.pem");
        using var process = await RunAsync(Valid(new()
        {
            ["GTMGUARD__Sync__Vendors__Salesforce__BaseUrl"] = "http://127.0.0.1:9",
            ["GTMGUARD__Sync__Vendors__Salesforce__Auth"] = "JwtBearer",
            ["GTMGUARD__Sync__Vendors__Salesforce__ClientId"] = "consumer",
            ["GTMGUARD__Sync__Vendors__Salesforce__Username"] = "integration@example.com",
            ["GTMGUARD__Sync__Vendors__Salesforce__JwtKeyFile"] = missing,
        }));

        Assert.Contains($"Sync:Vendors:Salesforce:JwtKeyFile '{missing}' cannot be read: ", process.Stderr, StringComparison.Ordinal);
    }
}
