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
            var exit = await LoadCommand.Create().Parse(args).InvokeAsync();
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
    public async Task BadArguments_ExitWithTheirOwnCode_AndSayWhatIsWrong(string option, string value, string expected)
    {
        var (exit, error) = await RunAsync(option, value, "--rate", "10", "--records", "10");

        Assert.Equal(LoadExitCodes.BadArguments, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThresholdNamingAScenarioNotInTheRun_IsABadArgument()
    {
        var (exit, error) = await RunAsync("--scenario", "hubspot-batch", "--threshold", "enrichment.lost==0");

        Assert.Equal(LoadExitCodes.BadArguments, exit);
        Assert.Contains("does not include", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodes_AreDistinct() =>
        Assert.Equal(4, new[] { LoadExitCodes.Passed, LoadExitCodes.ThresholdBreached, LoadExitCodes.CannotStart, LoadExitCodes.BadArguments }.Distinct().Count());
}
