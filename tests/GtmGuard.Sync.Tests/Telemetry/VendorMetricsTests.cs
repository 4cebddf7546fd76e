using System.Text;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Tests.Vendors.HubSpot;
using GtmGuard.Sync.Vendors;
using Prometheus;

namespace GtmGuard.Sync.Tests.Telemetry;

public sealed class VendorMetricsTests
{
    [Fact]
    public async Task EveryAttempt_IsCountedByOutcome_WithBoundedLabels()
    {
        await using var host = HubSpotSyncHost.Start();

        await host.Client.GetContactByEmailAsync("missing@example.com");
        await host.Client.UpsertContactsAsync(HubSpotContacts.Make(2));
        var exported = await ExportAsync(host.Registry);

        Assert.Equal(1, host.VendorMetrics.RequestCount(VendorId.HubSpot, "contacts.read", VendorOutcome.NotFound));
        Assert.Equal(1, host.VendorMetrics.RequestCount(VendorId.HubSpot, "contacts.batch.upsert", VendorOutcome.Success));
        Assert.Contains("gtmguard_vendor_errors_total{vendor=\"hubspot\",error_type=\"not_found\"} 1", exported, StringComparison.Ordinal);
        Assert.Contains("gtmguard_vendor_request_duration_seconds_count{vendor=\"hubspot\",operation=\"contacts.read\"} 1", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetriedCall_CountsEachAttempt()
    {
        await using var host = HubSpotSyncHost.Start(settings: new Dictionary<string, string?>
        {
            ["Sync:Vendors:HubSpot:Resilience:BaseDelay"] = "00:00:00.001",
            ["Sync:Vendors:HubSpot:Resilience:MaxRetryAttempts"] = "8",
            ["Sync:Vendors:HubSpot:Resilience:BreakerFailureRatio"] = "1",
        });
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { seed = 5, rules = new[] { new { operation = "contacts.read", fault = "unavailable", probability = 0.5 } } });

        var results = await host.Clock.PumpAsync(
            Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.Client.GetContactByEmailAsync($"c{i}@example.com"))),
            TimeSpan.FromMilliseconds(100));
        var serverErrors = host.VendorMetrics.RequestCount(VendorId.HubSpot, "contacts.read", VendorOutcome.ServerError);
        var notFound = host.VendorMetrics.RequestCount(VendorId.HubSpot, "contacts.read", VendorOutcome.NotFound);

        Assert.All(results, r => Assert.Equal(VendorOutcome.NotFound, r.Outcome));
        Assert.Equal(6, notFound);
        Assert.Equal(host.Statuses(HubSpotSyncHost.ContactsPath).Count(s => s == 503), serverErrors);
        Assert.True(serverErrors > 0);
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
