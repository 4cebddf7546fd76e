using GtmGuard.LoadTests.Models;

namespace GtmGuard.LoadTests.Tests.Models;

public sealed class LoadModelParserTests
{
    [Fact]
    public void NothingGiven_MeansTheScenarioDefault() =>
        Assert.Null(LoadModelParser.Parse(null, null, null, null, null, null, null));

    [Fact]
    public void Ramp_IsParsedIntoStages_AndBoundedByTheirLength()
    {
        var model = Assert.IsType<RampingArrivalRate>(LoadModelParser.Parse(null, null, "0,1000@30s,1000@60s", null, null, null, "5s"));

        Assert.Equal(0, model.StartRate);
        Assert.Equal([new RampStage(TimeSpan.FromSeconds(30), 1000), new RampStage(TimeSpan.FromSeconds(60), 1000)], model.Stages);
        Assert.Equal(TimeSpan.FromSeconds(90), model.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), model.WarmUp);
    }

    [Fact]
    public void Closed_WithRecords()
    {
        var model = Assert.IsType<ConstantConcurrency>(LoadModelParser.Parse("closed", null, null, 8, null, 500, null));

        Assert.Equal((8, 500L), (model.Concurrency, model.Records!.Value));
    }

    [Theory]
    [InlineData("open", null, null, null, "10s", "--rate")]
    [InlineData("closed", null, null, null, "10s", "--concurrency")]
    [InlineData("open", 10.0, null, null, null, "--duration or --records")]
    [InlineData("sideways", 10.0, null, null, "10s", "not a load model")]
    [InlineData("ramping", null, "fast", null, "10s", "--ramp")]
    [InlineData("open", 10.0, null, null, "soon", "--duration")]
    [InlineData("open", double.NaN, null, null, "10s", "--rate")]
    [InlineData("open", double.PositiveInfinity, null, null, "10s", "--rate")]
    [InlineData("ramping", null, "0,NaN@3s", null, null, "--ramp")]
    [InlineData("ramping", null, "NaN,10@3s", null, null, "--ramp")]
    [InlineData("ramping", null, "0,Infinity@30s", null, null, "--ramp")]
    [InlineData("ramping", null, "0,10@1e20s", null, null, "--ramp")]
    [InlineData("open", 10.0, null, null, "1e20s", "--duration")]
    [InlineData("open", 10.0, null, null, "Infinity", "--duration")]
    public void InconsistentOptions_SayWhatIsWrong(string model, double? rate, string? ramp, int? concurrency, string? duration, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadModelParser.Parse(model, rate, ramp, concurrency, duration, null, null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
