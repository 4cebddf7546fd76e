using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;
using GtmGuard.Observability.Tests.Tools;

namespace GtmGuard.Observability.Tests.GrafanaProvisioning;

/// <summary>The PromQL of the Grafana dashboard and alert rule, parsed by Prometheus' own parser (promtool).</summary>
public sealed class QueryTests
{
    private static readonly string[] DashboardMetrics =
    [
        "gtmguard_vendor_request_duration_seconds_bucket",
        "gtmguard_vendor_errors_total",
        "gtmguard_sync_last_success_timestamp_seconds",
        "gtmguard_quota_remaining",
        "gtmguard_webhook_events_total",
        "gtmguard_dead_letters",
        "gtmguard_contract_drift_findings_total",
    ];

    [Fact]
    public async Task EveryDashboardAndAlertExpression_Parses()
    {
        var expressions = ProvisionedExpressions.Dashboards().Concat(ProvisionedExpressions.GrafanaAlerts()).ToList();
        Assert.NotEmpty(ProvisionedExpressions.GrafanaAlerts());

        var result = await Promtool.CheckExpressionsAsync(expressions);

        Assert.True(result.ExitCode == 0, string.Join('\n', expressions) + "\n" + result.Describe());
        Assert.Contains($"SUCCESS: {expressions.Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckExpressions_WhenOneDoesNotParse_Fails()
    {
        var expressions = ProvisionedExpressions.Dashboards().Append(new PromQlExpression("typo", "sum by (vendor) (rate(gtmguard_vendor_errors_total[5m])")).ToList();

        var result = await Promtool.CheckExpressionsAsync(expressions);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unclosed left parenthesis", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_ShowsEveryRequiredMetric()
    {
        var used = ProvisionedExpressions.Dashboards().SelectMany(e => e.MetricNames()).ToHashSet(StringComparer.Ordinal);
        var exprs = ProvisionedExpressions.Dashboards().Select(e => e.Expr).ToList();

        Assert.All(DashboardMetrics, metric => Assert.Contains(metric, used));
        Assert.Contains("gtmguard:integration_success_ratio:rate5m", exprs);
        Assert.All(["0.5", "0.95", "0.99"], q => Assert.Contains(exprs, e => e.StartsWith($"histogram_quantile({q},", StringComparison.Ordinal)));
        Assert.Contains(exprs, e => e.Contains("duplicate", StringComparison.Ordinal) && e.Contains("stale", StringComparison.Ordinal));
    }

    [Fact]
    public void SuccessRatioPanel_DrawsThe95PercentLine()
    {
        var panel = Panels().Single(p => (string?)p["title"] == "Success ratio per integration");
        var defaults = panel["fieldConfig"]!["defaults"]!;

        Assert.Equal("gtmguard:integration_success_ratio:rate5m", (string?)panel["targets"]![0]!["expr"]);
        Assert.Equal("percentunit", (string?)defaults["unit"]);
        Assert.StartsWith("line", (string?)defaults["custom"]!["thresholdsStyle"]!["mode"], StringComparison.Ordinal);
        Assert.Contains(defaults["thresholds"]!["steps"]!.AsArray(), step => (double?)step!["value"] == 0.95);
    }

    [Fact]
    public void EveryPanelAndQuery_UsesTheProvisionedPrometheusDatasource()
    {
        var datasource = ProvisionedExpressions.Load(RepositoryRoot.File("grafana", "provisioning", "datasources", "prometheus.yml"));
        var uid = ProvisionedExpressions.Scalar(ProvisionedExpressions.Sequence(datasource, "datasources").Single(), "uid");
        var alertUids = ProvisionedExpressions.Sequence(ProvisionedExpressions.Load(RepositoryRoot.File("grafana", "provisioning", "alerting", "gtmguard-alerts.yml")), "groups")
            .SelectMany(g => ProvisionedExpressions.Sequence(g, "rules"))
            .SelectMany(r => ProvisionedExpressions.Sequence(r, "data"))
            .Select(q => ProvisionedExpressions.Scalar(q, "datasourceUid"));

        var panels = Panels().ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            Assert.Equal(uid, (string?)panel["datasource"]!["uid"]);
            Assert.NotEmpty(panel["targets"]!.AsArray());
            Assert.All(panel["targets"]!.AsArray(), target => Assert.Equal(uid, (string?)target!["datasource"]!["uid"]));
        });
        Assert.All(alertUids, u => Assert.Contains(u, new[] { uid, "__expr__" }));
    }

    [Fact]
    public void GrafanaAlert_FiresWhenTheSuccessRatioIsUnder95PercentFor5Minutes()
    {
        var file = ProvisionedExpressions.Load(RepositoryRoot.File("grafana", "provisioning", "alerting", "gtmguard-alerts.yml"));
        var rule = ProvisionedExpressions.Sequence(file, "groups").SelectMany(g => ProvisionedExpressions.Sequence(g, "rules")).Single();
        var queries = ProvisionedExpressions.Sequence(rule, "data").ToList();
        var condition = queries.Single(q => ProvisionedExpressions.Scalar(q, "refId") == ProvisionedExpressions.Scalar(rule, "condition"));
        var model = (YamlMappingNode)condition["model"];
        var evaluator = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)model["conditions"])[0])["evaluator"];
        var source = queries.Single(q => ProvisionedExpressions.Scalar(q, "refId") == ProvisionedExpressions.Scalar(model, "expression"));

        Assert.Equal("5m", ProvisionedExpressions.Scalar(rule, "for"));
        Assert.Equal("threshold", ProvisionedExpressions.Scalar(model, "type"));
        Assert.Equal("lt", ProvisionedExpressions.Scalar(evaluator, "type"));
        Assert.Equal("0.95", ((YamlScalarNode)((YamlSequenceNode)evaluator["params"])[0]).Value);
        Assert.Contains("gtmguard_vendor_requests_total{outcome=\"success\"}[5m]", ProvisionedExpressions.Scalar((YamlMappingNode)source["model"], "expr"), StringComparison.Ordinal);
        Assert.NotEqual("OK", ProvisionedExpressions.Scalar(rule, "noDataState"));
        Assert.NotEqual("OK", ProvisionedExpressions.Scalar(rule, "execErrState"));
    }

    /// <summary>
    /// The alert's query evaluated by Prometheus' engine (a promtool unit test): HubSpot at 90%, and Clay failing every
    /// call since start — no outcome="success" series at all — must still give a ratio (0) under the 0.95 threshold.
    /// </summary>
    [Fact]
    public async Task GrafanaAlertQuery_WhenAVendorNeverSucceeded_GivesZeroNotNothing()
    {
        var query = ProvisionedExpressions.GrafanaAlerts().Single().Expr;
        using var directory = new TempDirectory();
        var test = directory.File("grafana-alert.test.yml");
        await File.WriteAllTextAsync(test, $$"""
            tests:
              - interval: 1m
                input_series:
                  - series: 'gtmguard_vendor_requests_total{vendor="clay",operation="tables.rows.create",outcome="server_error"}'
                    values: '0+5x20'
                  - series: 'gtmguard_vendor_requests_total{vendor="hubspot",operation="contacts.batchUpsert",outcome="success"}'
                    values: '0+9x20'
                  - series: 'gtmguard_vendor_requests_total{vendor="hubspot",operation="contacts.batchUpsert",outcome="timeout"}'
                    values: '0+1x20'
                promql_expr_test:
                  - expr: 'round({{query.ReplaceLineEndings(" ").Replace("'", "''", StringComparison.Ordinal)}}, 0.001) < 0.95'
                    eval_time: 10m
                    exp_samples:
                      - labels: '{vendor="clay"}'
                        value: 0
                      - labels: '{vendor="hubspot"}'
                        value: 0.9
            """);

        var result = await Promtool.TestRulesAsync(test);

        Assert.True(result.ExitCode == 0, query + "\n" + result.Describe());
    }

    private static IEnumerable<JsonNode> Panels() =>
        ProvisionedExpressions.Panels(JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("grafana", "dashboards", "gtmguard.json")))!["panels"]!.AsArray());
}
