namespace GtmGuard.Cli.Tests.Commands;

/// <summary>Errors no command anticipates end with one line naming them and the command's own exit code, not a stack trace and 1.</summary>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task DlqList_WithAStorePathThatIsAFile_ExitsWithTwo_InOneLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var process = GtmGuardProcess.Start("dlq", "list", "--store", file);
            var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(2, exit);
            Assert.StartsWith("gtmguard dlq: ", process.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", process.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Probe_WithASettingOfTheWrongType_ExitsWithTwo_NamingTheSetting()
    {
        using var process = GtmGuardProcess.Start(new Dictionary<string, string> { ["GTMGUARD__Probes__Interval"] = "abc" }, "probe", "--port", "0");
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.Contains("Probes:Interval", process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Stderr, StringComparison.Ordinal);
    }
}
