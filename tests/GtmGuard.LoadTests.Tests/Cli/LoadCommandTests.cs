using GtmGuard.LoadTests.Cli;

namespace GtmGuard.LoadTests.Tests.Cli;

/// <summary>The command line: bad input exits 3 with a message naming the problem, before anything starts.</summary>
public sealed class LoadCommandTests
{
    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var exit = await LoadCommand.InvokeAsync(LoadCommand.Create().Parse(args));
            return (exit, error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Theory]
    [InlineData("--threshold", "ceiling_ratio=>0.95", "is not of the form")]
    [InlineData("--threshold", "speed>3", "unknown metric 'speed'")]
    [InlineData("--scenario", "black-friday", "'black-friday' is not a scenario")]
    [InlineData("--set", "HubSpot:Tier=gold", "must be KEY=VALUE with KEY starting Simulators: or Sync:")]
    [InlineData("--duration", "forever", "--duration 'forever' is not a duration")]
    [InlineData("--simulators", "elsewhere", "--simulators 'elsewhere' is not a placement; use in-process or external")]
    [InlineData("--duration", "1e20s", "--duration '1e20s' is not a duration")]
    public async Task BadArguments_ExitWithTheirOwnCode_AndSayWhatIsWrong(string option, string value, string expected)
    {
        var (exit, error) = await RunAsync(option, value, "--rate", "10", "--records", "10");

        Assert.Equal(LoadExitCodes.BadArguments, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportsPathThatIsAFile_IsABadArgument_BeforeAnythingRuns()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exit, error) = await RunAsync("--reports", file, "--rate", "10", "--records", "10");

            Assert.Equal(LoadExitCodes.BadArguments, exit);
            Assert.Contains($"--reports '{file}' is a file; give a folder", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AThresholdNamingAScenarioNotInTheRun_IsABadArgument()
    {
        var (exit, error) = await RunAsync("--scenario", "hubspot-batch", "--threshold", "enrichment.lost==0");

        Assert.Equal(LoadExitCodes.BadArguments, exit);
        Assert.Contains("does not include", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rate abc --records 10", "--rate must be records per second, a number such as 300; got 'abc'")]
    [InlineData("--rate 10 --records 10 --speed 3", "--speed")]
    [InlineData("--concurrency many", "--concurrency must be the records in flight, a whole number such as 50; got 'many'")]
    [InlineData("--rate 10 --records lots", "--records must be a whole number of records such as 1000000; got 'lots'")]
    public async Task SyntaxErrors_ExitWithTheBadArgumentsCode_NotTheThresholdOne(string commandLine, string named)
    {
        var (exit, error) = await RunAsync(commandLine.Split(' '));

        Assert.Equal(LoadExitCodes.BadArguments, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }
}
