namespace GtmGuard.Cli.Tests.Commands;

/// <summary><c>gtmguard load</c> command-line errors as a real process: exit 3 (bad arguments), never 1 (threshold breached).</summary>
public sealed class LoadCommandTests
{
    [Theory]
    [InlineData("--rate abc --records 10", "abc")]
    [InlineData("--rate 10 --records 10 --speed 3", "--speed")]
    [InlineData("--scenario black-friday --rate 10 --records 10", "'black-friday' is not a scenario")]
    public async Task Load_WithBadArguments_ExitsWithThree_AndSaysWhatIsWrong(string commandLine, string named)
    {
        var reports = Path.Combine(Path.GetTempPath(), "gtmguard-load-cli-tests", Guid.NewGuid().ToString("N"));
        using var process = GtmGuardProcess.Start(["load", "--reports", reports, .. commandLine.Split(' ')]);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, exit);
        Assert.Contains("gtmguard load: ", process.Stderr, StringComparison.Ordinal);
        Assert.Contains(named, process.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(reports), "nothing ran, so no report was written");
    }
}
