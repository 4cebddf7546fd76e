using GtmGuard.Observability.Tests.Tools;

namespace GtmGuard.Observability.Tests.PrometheusRules;

/// <summary>prometheus/prometheus.yml and prometheus/rules/ as Prometheus' own promtool sees them.</summary>
public sealed class PromtoolTests
{
    private static string RulesFile => RepositoryRoot.File("prometheus", "rules", "gtmguard.rules.yml");

    private static string UnitTestFile => RepositoryRoot.File("prometheus", "rules", "gtmguard.test.yml");

    [Fact]
    public async Task CheckConfig_PrometheusYml_IsValidAndLoadsEveryRuleFile()
    {
        var result = await Promtool.CheckConfigAsync(RepositoryRoot.File("prometheus", "prometheus.yml"));

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains($"SUCCESS: {ProvisionedExpressions.RuleFiles.Count} rule files found", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRules_RuleFiles_AreValid()
    {
        var result = await Promtool.CheckRulesAsync([.. ProvisionedExpressions.RuleFiles]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRules_WhenAnExpressionIsBroken_Fails()
    {
        using var directory = new TempDirectory();
        var broken = directory.File("broken.rules.yml");
        var text = await File.ReadAllTextAsync(RulesFile);
        Assert.Contains("gtmguard:integration_success_ratio:rate5m < 0.95", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(broken, text.Replace("gtmguard:integration_success_ratio:rate5m < 0.95", "gtmguard:integration_success_ratio:rate5m < < 0.95", StringComparison.Ordinal));

        var result = await Promtool.CheckRulesAsync(broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("parse error", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_UnitTests_Pass()
    {
        var result = await Promtool.TestRulesAsync(UnitTestFile);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gtmguard:integration_success_ratio:rate5m < 0.95", "gtmguard:integration_success_ratio:rate5m < 0.85")]
    [InlineData("\"(.+)\")) * 0\n", "\"(.+)\")) * 1\n")]
    [InlineData("expr: vector(3600)", "expr: vector(86400)")]
    [InlineData("expr: vector(0.1)", "expr: vector(0.01)")]
    [InlineData("delta(gtmguard_dead_letters[15m]) > 0", "delta(gtmguard_dead_letters[15m]) > 100")]
    public async Task TestRules_WhenARuleChanges_UnitTestsFail(string original, string changed)
    {
        using var directory = new TempDirectory();
        var text = await File.ReadAllTextAsync(RulesFile);
        Assert.Contains(original, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(directory.File("gtmguard.rules.yml"), text.Replace(original, changed, StringComparison.Ordinal));
        File.Copy(UnitTestFile, directory.File("gtmguard.test.yml"));

        var result = await Promtool.TestRulesAsync(directory.File("gtmguard.test.yml"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("FAILED", result.Output + result.Error, StringComparison.Ordinal);
    }
}
