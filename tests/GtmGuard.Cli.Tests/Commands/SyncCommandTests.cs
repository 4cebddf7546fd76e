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

        Assert.NotEqual(0, exit);
        Assert.Contains("payroll", process.Stderr, StringComparison.Ordinal);
    }
}
