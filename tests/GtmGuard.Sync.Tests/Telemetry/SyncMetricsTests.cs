using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using Prometheus;

namespace GtmGuard.Sync.Tests.Telemetry;

public sealed class SyncMetricsTests
{
    [Fact]
    public void Record_WrittenRecords_CountsThemAndMovesTheLastSuccess()
    {
        var clock = new TestClock();
        var metrics = new SyncMetrics(Metrics.NewCustomRegistry(), clock);

        metrics.Record(VendorId.HubSpot, SyncedRecordResult.Written, 100);
        var first = metrics.LastSuccess(VendorId.HubSpot);
        clock.Advance(TimeSpan.FromMinutes(1));
        metrics.Record(VendorId.HubSpot, SyncedRecordResult.DeadLettered);

        Assert.Equal(100, metrics.Count(VendorId.HubSpot, SyncedRecordResult.Written));
        Assert.Equal(1, metrics.Count(VendorId.HubSpot, SyncedRecordResult.DeadLettered));
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromMinutes(1), first);
        Assert.Equal(first, metrics.LastSuccess(VendorId.HubSpot));
        Assert.Null(metrics.LastSuccess(VendorId.Salesforce));
    }

    [Fact]
    public void MarkSynced_AnOlderTime_KeepsTheLaterOne()
    {
        var clock = new TestClock();
        var metrics = new SyncMetrics(Metrics.NewCustomRegistry(), clock);
        var now = clock.GetUtcNow();

        metrics.MarkSynced(VendorId.Clay, now);
        metrics.MarkSynced(VendorId.Clay, now - TimeSpan.FromHours(1));

        Assert.Equal(now, metrics.LastSuccess(VendorId.Clay));
    }

    [Fact]
    public async Task Exposition_BeforeAnyRecord_HasEverySeriesAtZero()
    {
        var registry = Metrics.NewCustomRegistry();
        _ = new SyncMetrics(registry, new TestClock());
        using var stream = new MemoryStream();

        await registry.CollectAndExportAsTextAsync(stream);

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        foreach (var vendor in new[] { "hubspot", "salesforce", "outreach", "clay" })
        {
            Assert.Contains($"gtmguard_sync_last_success_timestamp_seconds{{integration=\"{vendor}\"}} 0", text, StringComparison.Ordinal);
            Assert.Contains($"gtmguard_records_synced_total{{integration=\"{vendor}\",result=\"dead_lettered\"}} 0", text, StringComparison.Ordinal);
        }
    }
}
