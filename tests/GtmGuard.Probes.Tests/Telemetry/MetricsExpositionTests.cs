using System.Text.RegularExpressions;

namespace GtmGuard.Probes.Tests.Telemetry;

public sealed partial class MetricsExpositionTests
{
    private static readonly string[] Integrations = ["hubspot", "salesforce", "outreach", "clay"];

    [Fact]
    public async Task Metrics_BeforeAnyVendorCall_NameEveryMetricWithEveryIntegration()
    {
        var noProbes = Integrations.ToDictionary(i => $"Probes:{Section(i)}:Enabled", _ => (string?)"false");
        await using var host = await ProbeTestHost.StartAsync(noProbes);

        var metrics = await host.MetricsTextAsync();

        foreach (var name in new[]
        {
            "gtmguard_vendor_requests_total", "gtmguard_vendor_request_duration_seconds", "gtmguard_vendor_errors_total",
            "gtmguard_quota_remaining", "gtmguard_webhook_events_total", "gtmguard_contract_drift_findings_total",
            "gtmguard_sync_last_success_timestamp_seconds", "gtmguard_records_synced_total", "gtmguard_dead_letters",
            "gtmguard_probe_success", "gtmguard_probe_duration_seconds",
        })
        {
            Assert.Contains($"# TYPE {name} ", metrics, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("gtmguard_vendor_requests_total{", metrics, StringComparison.Ordinal);
        foreach (var integration in Integrations)
        {
            Assert.Equal(0, ProbeTestHost.Sample(metrics, $"gtmguard_sync_last_success_timestamp_seconds{{integration=\"{integration}\"}}"));
            Assert.Equal(0, ProbeTestHost.Sample(metrics, $"gtmguard_dead_letters{{integration=\"{integration}\"}}"));
            foreach (var result in new[] { "written", "skipped", "dead_lettered" })
            {
                Assert.Equal(0, ProbeTestHost.Sample(metrics, $"gtmguard_records_synced_total{{integration=\"{integration}\",result=\"{result}\"}}"));
            }

            foreach (var type in new[] { "unauthorized", "validation", "not_found", "rate_limited", "server_error", "timeout", "network" })
            {
                Assert.Equal(0, ProbeTestHost.Sample(metrics, $"gtmguard_vendor_errors_total{{vendor=\"{integration}\",error_type=\"{type}\"}}"));
            }

            foreach (var result in new[] { "accepted", "duplicate", "stale", "bad_signature" })
            {
                Assert.Equal(0, ProbeTestHost.Sample(metrics, $"gtmguard_webhook_events_total{{vendor=\"{integration}\",result=\"{result}\"}}"));
            }
        }
    }

    [Fact]
    public async Task Metrics_AfterARoundWithWrites_CarryOnlyBoundedLabels()
    {
        var writes = Integrations.ToDictionary(i => $"Probes:{Section(i)}:WriteAndVerify", _ => (string?)"true");
        await using var host = await ProbeTestHost.StartAsync(writes);
        await host.WaitUntilReadyAsync();
        await host.RunRoundAsync();

        var metrics = await host.MetricsTextAsync();

        var gtmguard = metrics.Split('\n').Where(l => l.StartsWith("gtmguard_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(gtmguard);
        Assert.DoesNotContain(gtmguard, l => l.Contains('@', StringComparison.Ordinal) || l.Contains("sandbox", StringComparison.Ordinal) || l.Contains("canary", StringComparison.Ordinal));
        var labels = gtmguard.SelectMany(l => Label().Matches(l).Select(m => m.Groups["name"].Value)).ToHashSet();
        Assert.Subset(new HashSet<string> { "vendor", "operation", "outcome", "error_type", "window", "integration", "check", "result", "severity", "le" }, labels);
        Assert.Matches("gtmguard_vendor_requests_total\\{vendor=\"salesforce\",operation=\"sobjects.upsert\",outcome=\"success\"\\} [1-9]", metrics);
        Assert.Contains("gtmguard_probe_success{integration=\"clay\",check=\"write\"} 1", metrics, StringComparison.Ordinal);
        Assert.Matches("gtmguard_quota_remaining\\{vendor=\"hubspot\",window=\"ten_second\"\\} [0-9]+", metrics);
    }

    private static string Section(string integration) => integration switch
    {
        "hubspot" => "HubSpot",
        "salesforce" => "Salesforce",
        "outreach" => "Outreach",
        _ => "Clay",
    };

    [GeneratedRegex("[{,](?<name>[a-z_]+)=\"")]
    private static partial Regex Label();
}
