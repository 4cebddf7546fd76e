using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Tests.Vendors.Salesforce;

/// <summary>The org's daily allocation: Sforce-Limit-Info drives the limiter, 403 REQUEST_LIMIT_EXCEEDED is a rate limit.</summary>
public sealed class SalesforceQuotaTests
{
    [Fact]
    public async Task SpentAllocation_ReportedByTheHeader_StopsCallsBeforeSalesforceRefuses()
    {
        await using var host = SalesforceSyncHost.Start(simulator: o => o.DailyApiRequestLimit = 5);
        var outcomes = new List<VendorOutcome>();

        for (var i = 0; i < 7; i++)
        {
            outcomes.Add((await host.Client.UpsertAsync("Contact", "External_Id__c", $"ext-{i}", new Dictionary<string, object?> { ["LastName"] = "L" })).Outcome);
        }

        Assert.Equal(5, outcomes.Count(o => o == VendorOutcome.Success));
        Assert.All(outcomes.Skip(5), o => Assert.Equal(VendorOutcome.RateLimited, o));
        Assert.DoesNotContain(403, host.Statuses(SalesforceSyncHost.Data));
        Assert.Equal(5, host.Limiter.Snapshot().Single().Limit);
    }

    [Fact]
    public async Task RequestLimitExceeded_AfterOtherClientsSpentTheAllocation_IsRateLimited_AndNotRetried()
    {
        await using var host = SalesforceSyncHost.Start(simulator: o => o.DailyApiRequestLimit = 3);
        await host.Client.UpsertAsync("Contact", "External_Id__c", "ext-0", new Dictionary<string, object?> { ["LastName"] = "L" });
        var other = await host.OtherClientAsync();
        for (var i = 0; i < 2; i++)
        {
            (await other.GetAsync(SalesforceSyncHost.Data + "/query?q=SELECT+Id+FROM+Contact")).Dispose();
        }

        var result = await host.Clock.PumpAsync(
            host.Client.UpsertAsync("Contact", "External_Id__c", "ext-1", new Dictionary<string, object?> { ["LastName"] = "L" }),
            TimeSpan.FromMilliseconds(500));

        Assert.Equal(VendorOutcome.RateLimited, result.Outcome);
        Assert.Equal(1, host.Statuses(SalesforceSyncHost.Data + "/sobjects").Count(s => s == 403));
        Assert.Equal(0, host.Limiter.Snapshot().Single().Remaining);
    }

    [Fact]
    public async Task UsageHeader_KeepsTheDailyGaugeCurrent()
    {
        await using var host = SalesforceSyncHost.Start(simulator: o => o.DailyApiRequestLimit = 1000);

        await host.Client.UpsertAsync("Contact", "External_Id__c", "ext-0", new Dictionary<string, object?> { ["LastName"] = "L" });

        var daily = host.Limiter.Snapshot().Single(w => w.Name == QuotaWindowNames.Daily);
        Assert.Equal(1000, daily.Limit);
        Assert.Equal(999, daily.Remaining);
    }
}
