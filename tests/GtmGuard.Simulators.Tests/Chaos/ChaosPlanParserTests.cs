using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Tests.Hosting;

namespace GtmGuard.Simulators.Tests.Chaos;

public sealed class ChaosPlanParserTests
{
    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "simulators", "scenarios"), "*.yaml"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void LoadScenario_EveryShippedScenario_IsValidAndHasAPlan(string file)
    {
        var scenario = ChaosPlanParser.LoadScenario(Path.Combine(RepoRoot.Path, "simulators", "scenarios", file));

        Assert.False(string.IsNullOrWhiteSpace(scenario.Name));
        Assert.NotEmpty(scenario.Vendors);
        Assert.All(scenario.Vendors.Keys, vendor => Assert.False(ChaosPlanParser.PlanFor(scenario, vendor).IsEmpty));
    }

    [Fact]
    public void LoadScenario_StandardChaos_HasTheOutageWindowAndTokenExpiry()
    {
        var scenario = ChaosPlanParser.LoadScenario(Path.Combine(RepoRoot.Path, "simulators", "scenarios", "standard-chaos.yaml"));

        var salesforce = ChaosPlanParser.PlanFor(scenario, "salesforce");

        Assert.Contains(salesforce.Rules, r => r.Fault == ChaosFault.Unavailable && r.From == TimeSpan.FromSeconds(45) && r.To == TimeSpan.FromSeconds(75) && r.Probability == 1.0);
        Assert.Contains(salesforce.Events, e => e.Action == ChaosAction.ExpireTokens && e.Every == TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void PlanFor_GivesEachVendorItsOwnSeed()
    {
        var scenario = new ChaosScenarioDocument { Name = "s", Seed = 10 };
        scenario.Vendors["hubspot"] = new ChaosPlanDocument();
        scenario.Vendors["salesforce"] = new ChaosPlanDocument();

        Assert.NotEqual(ChaosPlanParser.PlanFor(scenario, "hubspot").Seed, ChaosPlanParser.PlanFor(scenario, "salesforce").Seed);
        Assert.Equal(ChaosPlanParser.PlanFor(scenario, "hubspot").Seed, ChaosPlanParser.PlanFor(scenario, "hubspot").Seed);
    }

    [Theory]
    [InlineData("""{"rules":[{"fault":"explode"}]}""", "hubspot.rules[0].fault")]
    [InlineData("""{"rules":[{"fault":"serverError","probability":1.5}]}""", "hubspot.rules[0].probability")]
    [InlineData("""{"rules":[{"fault":"latency"}]}""", "hubspot.rules[0].latency")]
    [InlineData("""{"rules":[{"fault":"unavailable","from":"75s","to":"45s"}]}""", "must be after")]
    [InlineData("""{"rules":[{"fault":"unavailable","from":"soon"}]}""", "hubspot.rules[0].from")]
    [InlineData("""{"events":[{"action":"expireTokens"}]}""", "hubspot.events[0].at")]
    [InlineData("""{"rules": [""", "not valid JSON")]
    public void ParseJson_WithAnInvalidPlan_NamesTheFieldAtFault(string json, string expected)
    {
        var error = Assert.Throws<ChaosPlanException>(() => ChaosPlanParser.ParseJson(json, "hubspot"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("00:00:05", 5_000)]
    public void ParseDuration_AcceptsTheDocumentedForms(string text, double milliseconds) =>
        Assert.Equal(milliseconds, ChaosPlanParser.ParseDuration(text, "f").TotalMilliseconds);

    [Fact]
    public void LoadScenario_WithBrokenYaml_SaysWhereItBroke()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "name: x\nvendors:\n  hubspot:\n    rules: [ { fault: serverError \n");

        var error = Assert.Throws<ChaosPlanException>(() => ChaosPlanParser.LoadScenario(path));

        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
        File.Delete(path);
    }
}
