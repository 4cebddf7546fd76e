using YamlDotNet.RepresentationModel;

namespace GtmGuard.Observability.Tests.Tools;

/// <summary>Debian's <c>promtool</c> (package prometheus): config and rule checks, rule unit tests, PromQL parsing.</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    public static Task<ToolResult> CheckConfigAsync(string configFile) => ExternalTool.RunAsync(Path, ["check", "config", configFile]);

    public static Task<ToolResult> CheckRulesAsync(params string[] ruleFiles) => ExternalTool.RunAsync(Path, ["check", "rules", .. ruleFiles]);

    public static Task<ToolResult> TestRulesAsync(params string[] testFiles) => ExternalTool.RunAsync(Path, ["test", "rules", .. testFiles]);

    /// <summary>
    /// Parses PromQL expressions with Prometheus' own parser: each becomes a recording rule in a temporary rule file
    /// that <c>promtool check rules</c> validates.
    /// </summary>
    public static async Task<ToolResult> CheckExpressionsAsync(IEnumerable<PromQlExpression> expressions)
    {
        var rules = new YamlSequenceNode();
        var index = 0;
        foreach (var expression in expressions)
        {
            index++;
            rules.Add(new YamlMappingNode
            {
                { "record", $"check:expression_{index}" },
                { "expr", new YamlScalarNode(expression.Expr) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted } },
            });
        }

        var document = new YamlMappingNode
        {
            { "groups", new YamlSequenceNode(new YamlMappingNode { { "name", "expressions" }, { "rules", rules } }) },
        };
        using var directory = new TempDirectory();
        var file = directory.File("expressions.rules.yml");
        await using (var writer = new StreamWriter(file))
        {
            new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
        }

        return await CheckRulesAsync(file);
    }
}
