using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace GtmGuard.Observability.Tests.Tools;

/// <summary>Every PromQL expression in the repository's Grafana dashboards, Grafana alert rules and Prometheus rule files.</summary>
internal static class ProvisionedExpressions
{
    public static string DashboardsFolder => RepositoryRoot.File("grafana", "dashboards");

    public static string AlertingFolder => RepositoryRoot.File("grafana", "provisioning", "alerting");

    public static string RulesFolder => RepositoryRoot.File("prometheus", "rules");

    public static IReadOnlyList<string> RuleFiles => Directory.GetFiles(RulesFolder, "*.rules.yml").Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<PromQlExpression> All() => [.. Dashboards(), .. GrafanaAlerts(), .. PrometheusRules()];

    public static IReadOnlyList<PromQlExpression> Dashboards() =>
        Directory.GetFiles(DashboardsFolder, "*.json").SelectMany(file =>
        {
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
            return Panels(dashboard["panels"]!.AsArray())
                .SelectMany(panel => (panel["targets"]?.AsArray() ?? []).Select(target => new PromQlExpression(
                    $"{System.IO.Path.GetFileName(file)} panel '{panel["title"]}' query {target!["refId"]}",
                    (string)target["expr"]!)));
        }).ToList();

    /// <summary>Panels of the dashboard, those inside rows included (rows themselves hold no query).</summary>
    public static IEnumerable<JsonNode> Panels(JsonArray panels) =>
        panels.SelectMany(panel => (string?)panel!["type"] == "row"
            ? Panels(panel["panels"]?.AsArray() ?? [])
            : [panel]);

    public static IReadOnlyList<PromQlExpression> GrafanaAlerts() =>
        Directory.GetFiles(AlertingFolder, "*.yml").SelectMany(file =>
            Sequence(Load(file), "groups")
                .SelectMany(group => Sequence(group, "rules"))
                .SelectMany(rule => Sequence(rule, "data")
                    .Where(query => Scalar(query, "datasourceUid") != "__expr__")
                    .Select(query => new PromQlExpression(
                        $"{System.IO.Path.GetFileName(file)} rule '{Scalar(rule, "title")}' query {Scalar(query, "refId")}",
                        Scalar((YamlMappingNode)query["model"], "expr")))))
            .ToList();

    public static IReadOnlyList<PromQlExpression> PrometheusRules() =>
        RuleFiles.SelectMany(file =>
            Sequence(Load(file), "groups")
                .SelectMany(group => Sequence(group, "rules"))
                .Select(rule => new PromQlExpression(
                    $"{System.IO.Path.GetFileName(file)} {(rule.Children.ContainsKey("alert") ? "alert " + Scalar(rule, "alert") : "record " + Scalar(rule, "record"))}",
                    Scalar(rule, "expr"))))
            .ToList();

    public static YamlMappingNode Load(string file)
    {
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlSequenceNode)value).Cast<YamlMappingNode>() : [];

    public static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
