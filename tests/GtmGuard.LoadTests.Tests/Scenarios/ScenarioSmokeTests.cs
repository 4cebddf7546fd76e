using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.LoadTests.Cli;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.LoadTests.Models;

namespace GtmGuard.LoadTests.Tests.Scenarios;

/// <summary>
/// A short run of every scenario against the real in-process simulators and sync core: the reports are written, their
/// figures are sane, the vendors' end state reconciles, and a record deleted behind the run's back is reported lost.
/// </summary>
public sealed class ScenarioSmokeTests
{
    /// <summary>Archives one of the run's HubSpot contacts through HubSpot's own API, as if the sync had lost it.</summary>
    private static async Task DeleteHubSpotContactAsync(SystemUnderTest system, long sequence)
    {
        using var http = SystemUnderTest.Client(system.Simulators.Urls.HubSpot!, system.Simulators.Options.HubSpot.PrivateAppToken);
        var email = $"lt{sequence}@load.gtmguard.test";
        var contact = await http.GetFromJsonAsync<JsonObject>($"/crm/v3/objects/contacts/{email}?idProperty=email");
        using var deleted = await http.DeleteAsync($"/crm/v3/objects/contacts/{contact!["id"]!.GetValue<string>()}");
        Assert.True(deleted.IsSuccessStatusCode, $"delete: {(int)deleted.StatusCode}");
    }

    [Fact]
    public async Task HubSpotBatch_WritesEveryRecordOnce_WithinTheQuota_AndReportsIt()
    {
        using var run = new SmokeRun();

        var (exit, report) = await run.RunAsync("hubspot-batch", new ConstantArrivalRate(400) { Records = 1000 }, ["lost==0", "duplicated==0", "rate_limited==0"]);

        Assert.Equal(LoadExitCodes.Passed, exit);
        Assert.Equal(3, Directory.GetFiles(run.Reports).Length);
        Assert.Contains("Throughput over time", await File.ReadAllTextAsync(Directory.GetFiles(run.Reports, "*.html").Single()), StringComparison.Ordinal);
        Assert.Contains("| records_per_sec |", await File.ReadAllTextAsync(Directory.GetFiles(run.Reports, "*.md").Single()), StringComparison.Ordinal);
        Assert.Equal(1000, SmokeRun.Metric(report, "hubspot-batch", "records"));
        Assert.Equal(1000, SmokeRun.Metric(report, "hubspot-batch", "ceiling_records_per_sec"));
        // Batches of at most 100: at least 10 calls, more when a batch left before it was full.
        Assert.InRange(SmokeRun.Metric(report, "hubspot-batch", "requests"), 10, 100);
        Assert.InRange(SmokeRun.Metric(report, "hubspot-batch", "records_per_sec"), 1, 1000 * 1.05);
        Assert.InRange(SmokeRun.Metric(report, "hubspot-batch", "p50_ms"), 0.001, SmokeRun.Metric(report, "hubspot-batch", "p99_ms"));
        Assert.InRange(SmokeRun.Metric(report, "hubspot-batch", "e2e_p95_ms"), SmokeRun.Metric(report, "hubspot-batch", "e2e_p50_ms"), SmokeRun.Metric(report, "hubspot-batch", "e2e_max_ms"));
        Assert.InRange(SmokeRun.Metric(report, "hubspot-batch", "peak_memory_mb"), 10, 4096);
        Assert.Contains("[hubspot-batch]", run.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubSpotBatch_ReconciliationCatchesARecordDeletedFromTheSimulator()
    {
        using var run = new SmokeRun();

        var (exit, report) = await run.RunAsync(
            "hubspot-batch",
            new ConstantArrivalRate(500) { Records = 300 },
            ["lost==0"],
            configure: o => o.BeforeReconcile = (system, _) => DeleteHubSpotContactAsync(system, 42));

        Assert.Equal(LoadExitCodes.ThresholdBreached, exit);
        Assert.Equal(1, SmokeRun.Metric(report, "hubspot-batch", "lost"));
        Assert.Equal(0, SmokeRun.Metric(report, "hubspot-batch", "duplicated"));
        var reconciliation = report.GetProperty("scenarios")[0].GetProperty("reconciliation");
        Assert.Equal(299, reconciliation.GetProperty("found").GetInt64());
        Assert.Contains("lost #42", reconciliation.GetProperty("examples")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("threshold lost==0 not met by hubspot-batch: 1", run.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NaiveAndBatch_SideBySideInOneReport_TheNaiveOneSpendsACallPerRecord()
    {
        using var run = new SmokeRun();

        var (_, report) = await run.RunAsync("hubspot-batch,hubspot-naive", new ConstantConcurrency(4) { Records = 200 });

        // 200 records in batches of up to 100: at least 2 calls (more when a stall lets a batch leave before it is full),
        // never more than one per record; every record written exactly once either way.
        Assert.InRange(SmokeRun.Metric(report, "hubspot-batch", "requests"), 2, 200);
        Assert.Equal(200, SmokeRun.Metric(report, "hubspot-batch", "records"));
        Assert.Equal(0, SmokeRun.Metric(report, "hubspot-batch", "lost"));
        Assert.Equal(0, SmokeRun.Metric(report, "hubspot-batch", "duplicated"));
        Assert.Equal(200, SmokeRun.Metric(report, "hubspot-naive", "requests") - SmokeRun.Metric(report, "hubspot-naive", "retries"));
        Assert.Equal(0, SmokeRun.Metric(report, "hubspot-naive", "lost"));
        Assert.Equal(200, SmokeRun.Metric(report, "hubspot-naive", "records"));
    }

    [Fact]
    public async Task Enrichment_EveryLeadReachesHubSpotAndSalesforceOnce_AndALostOneIsCaught()
    {
        using var run = new SmokeRun();

        var (_, report) = await run.RunAsync(
            "enrichment",
            new ConstantArrivalRate(100) { Records = 150 },
            configure: o => o.BeforeReconcile = (system, _) => DeleteHubSpotContactAsync(system, 7));

        var reconciliation = report.GetProperty("scenarios")[0].GetProperty("reconciliation");
        Assert.Equal("HubSpot contacts + Salesforce Lead", reconciliation.GetProperty("target").GetString());
        Assert.Equal(300, reconciliation.GetProperty("expected").GetInt64());
        Assert.Equal(1, SmokeRun.Metric(report, "enrichment", "lost"));
        Assert.Equal(0, SmokeRun.Metric(report, "enrichment", "duplicated"));
        Assert.Equal(150, SmokeRun.Metric(report, "enrichment", "records"));
        Assert.Equal(0, SmokeRun.Metric(report, "enrichment", "dead_letters"));
        Assert.True(SmokeRun.Metric(report, "enrichment", "e2e_p50_ms") >= 500, "Clay's enrichment delay is part of end-to-end latency");
    }

    [Fact]
    public async Task Enrichment_WithExternalSimulators_ReachesThemOverHttp_ReportsTheirMemoryApart_AndEndsTheirProcess()
    {
        using var run = new SmokeRun();
        int? simulators = null;

        var (_, report) = await run.RunAsync(
            "enrichment",
            new ConstantArrivalRate(100) { Records = 150 },
            configure: o =>
            {
                o.SimulatorPlacement = SimulatorPlacement.External;
                o.BeforeReconcile = (system, _) =>
                {
                    simulators = system.Simulators.Process?.Id;
                    return DeleteHubSpotContactAsync(system, 7);
                };
            });

        Assert.NotNull(simulators);
        Assert.NotEqual(Environment.ProcessId, simulators.Value);
        // The contact deleted in the other process is missed by the reconciliation streamed from it.
        Assert.Equal(1, SmokeRun.Metric(report, "enrichment", "lost"));
        Assert.Equal(0, SmokeRun.Metric(report, "enrichment", "duplicated"));
        Assert.Equal(150, SmokeRun.Metric(report, "enrichment", "records"));
        Assert.InRange(SmokeRun.Metric(report, "enrichment", "simulators_peak_memory_mb"), 10, 4096);
        Assert.InRange(SmokeRun.Metric(report, "enrichment", "peak_memory_mb"), 10, 4096);
        Assert.False(IsRunning(simulators.Value), "the simulators' process ends with the run");
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Salesforce_CollectionsAndBulk_WriteTheSameRecords_WithDifferentCallCounts()
    {
        using var run = new SmokeRun();

        var (exit, report) = await run.RunAsync(
            "salesforce-collections,salesforce-bulk",
            new ConstantArrivalRate(100_000) { Records = 1000 },
            ["lost==0", "duplicated==0", "stale==0"],
            ["Simulators:Salesforce:BulkProcessingDelay=00:00:00.200"]);

        Assert.Equal(LoadExitCodes.Passed, exit);
        var scenarios = report.GetProperty("scenarios");
        var collections = scenarios[0].GetProperty("calls_by_operation");
        var bulk = scenarios[1].GetProperty("calls_by_operation");
        // sObject Collections carry at most 200 records a call: 1000 records take at least 5 calls (more when a stall
        // splits a batch), never more than one per record; Bulk needs at least one job and no collections call.
        Assert.InRange(collections.GetProperty("gtmguard.salesforce:collections.upsert").GetInt64(), 5, 1000);
        Assert.InRange(bulk.GetProperty("gtmguard.salesforce:bulk.createJob").GetInt64(), 1, 1000);
        Assert.False(bulk.TryGetProperty("gtmguard.salesforce:collections.upsert", out _));
        Assert.Equal(1000, SmokeRun.Metric(report, "salesforce-collections", "records"));
        Assert.Equal(1000, SmokeRun.Metric(report, "salesforce-bulk", "records"));
    }

    [Fact]
    public async Task WebhookBurst_EveryUniqueEventStoredOnce_CopiesRecognised_NewestVersionWins()
    {
        using var run = new SmokeRun();

        var (exit, report) = await run.RunAsync("webhook-burst", new ConstantConcurrency(16) { Records = 400 }, ["lost==0", "duplicated==0", "stale==0"]);

        Assert.Equal(LoadExitCodes.Passed, exit);
        var scenario = report.GetProperty("scenarios")[0];
        Assert.Equal(400, scenario.GetProperty("reconciliation").GetProperty("found").GetInt64());
        Assert.Equal("80", scenario.GetProperty("notes").GetProperty("duplicate_deliveries_sent").GetString());
        Assert.Equal(480, SmokeRun.Metric(report, "webhook-burst", "requests"));
        Assert.True(SmokeRun.Metric(report, "webhook-burst", "p99_ms") > 0);
    }

    [Fact]
    public async Task GtmDay_AllWorkflowsUnderChaos_ReconcileAcrossHubSpotSalesforceAndOutreach()
    {
        using var run = new SmokeRun();
        var chaos = Path.Combine(run.Reports, "chaos.yaml");
        Directory.CreateDirectory(run.Reports);
        await File.WriteAllTextAsync(chaos, """
            name: smoke-chaos
            seed: 7
            vendors:
              hubspot:
                rules:
                  - { operation: "*", fault: serverError, probability: 0.05 }
                webhooks:
                  - { effect: duplicate, probability: 0.2, window: 1s }
                  - { effect: reorder, probability: 0.3, window: 1s }
              salesforce:
                rules:
                  - { operation: "*", fault: unavailable, probability: 0.05 }
                events:
                  - { at: 3s, every: 3s, action: expireTokens }
            """);
        File.Move(chaos, chaos + ".tmp");

        var (_, report) = await run.RunAsync(
            "gtm-day",
            new ConstantArrivalRate(20) { Records = 60 },
            configure: o => o.ChaosScenarioPath = chaos + ".tmp");

        var scenario = report.GetProperty("scenarios")[0];
        var reconciliation = scenario.GetProperty("reconciliation");
        Assert.Contains("Outreach prospects", reconciliation.GetProperty("target").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, SmokeRun.Metric(report, "gtm-day", "lost"));
        Assert.Equal(0, SmokeRun.Metric(report, "gtm-day", "duplicated"));
        Assert.Equal(0, SmokeRun.Metric(report, "gtm-day", "stale"));
        Assert.True(SmokeRun.Metric(report, "gtm-day", "errors") > 0, "the chaos plan injected faults");
        Assert.Equal(60, SmokeRun.Metric(report, "gtm-day", "records"));
    }
}
