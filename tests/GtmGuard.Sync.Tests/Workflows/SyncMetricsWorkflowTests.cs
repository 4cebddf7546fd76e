using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>The enrichment workflow's writes show per integration in <see cref="SyncMetrics"/>.</summary>
public sealed class SyncMetricsWorkflowTests : IAsyncLifetime
{
    private WorkflowTestHost _host = null!;

    // The qualified-lead workflow off: otherwise a lead scored over the threshold goes on to Outreach, whenever the chain gets there.
    public async Task InitializeAsync() => _host = await WorkflowTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Workflows:Qualified"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EnrichedLeads_CountAsWrittenToClayHubSpotAndSalesforce_AndMoveTheirLastSuccess()
    {
        var metrics = _host.App.Services.GetRequiredService<SyncMetrics>();
        var started = _host.Clock.GetUtcNow();

        await _host.Submitter.SubmitAsync(WorkflowTestHost.Leads(3), default);
        await _host.UntilAsync(
            () => Task.FromResult(metrics.Count(VendorId.HubSpot, SyncedRecordResult.Written) >= 3 && metrics.Count(VendorId.Salesforce, SyncedRecordResult.Written) >= 3),
            "3 records written to HubSpot and Salesforce");

        Assert.Equal(3, metrics.Count(VendorId.Clay, SyncedRecordResult.Written));
        Assert.Equal(3, metrics.Count(VendorId.HubSpot, SyncedRecordResult.Written));
        Assert.Equal(3, metrics.Count(VendorId.Salesforce, SyncedRecordResult.Written));
        Assert.Equal(0, metrics.Count(VendorId.Salesforce, SyncedRecordResult.DeadLettered));
        Assert.InRange(metrics.LastSuccess(VendorId.HubSpot)!.Value, started, _host.Clock.GetUtcNow());
        Assert.NotNull(metrics.LastSuccess(VendorId.Clay));
        Assert.Null(metrics.LastSuccess(VendorId.Outreach));
    }
}
