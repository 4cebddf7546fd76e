using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Tests.Vendors.HubSpot;

namespace GtmGuard.Sync.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private static readonly Dictionary<string, string?> SmallBreaker = new()
    {
        ["Sync:Vendors:HubSpot:Resilience:MaxRetryAttempts"] = "0",
        ["Sync:Vendors:HubSpot:Resilience:BreakerMinimumThroughput"] = "4",
        ["Sync:Vendors:HubSpot:Resilience:BreakerFailureRatio"] = "0.5",
        ["Sync:Vendors:HubSpot:Resilience:BreakerBreakDuration"] = "00:00:20",
    };

    [Fact]
    public async Task Repeated503s_OpenTheCircuit_AndLaterCallsFailFastWithoutReachingHubSpot()
    {
        await using var host = HubSpotSyncHost.Start(settings: SmallBreaker);
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.read", fault = "unavailable" } } });

        var outcomes = new List<VendorResultSummary>();
        for (var i = 0; i < 8; i++)
        {
            var result = await host.Client.GetContactByEmailAsync($"c{i}@example.com");
            outcomes.Add(new(result.Outcome, result.StatusCode));
        }

        Assert.All(outcomes, o => Assert.Equal(VendorOutcome.ServerError, o.Outcome));
        Assert.Equal(4, host.Statuses(HubSpotSyncHost.ContactsPath).Count);
        Assert.All(outcomes.Skip(4), o => Assert.Null(o.Status));
        Assert.Contains(host.Logs.Lines, l => l.Contains("circuit opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenCircuit_LetsACallThroughAfterTheBreak_AndClosesWhenItSucceeds()
    {
        await using var host = HubSpotSyncHost.Start(settings: SmallBreaker);
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.read", fault = "unavailable" } } });
        for (var i = 0; i < 5; i++)
        {
            await host.Client.GetContactByEmailAsync($"c{i}@example.com");
        }

        await host.ControlAsync(HttpMethod.Delete, "/chaos");
        host.Clock.Advance(TimeSpan.FromSeconds(21));
        var probe = await host.Client.GetContactByEmailAsync("probe@example.com");
        var after = await host.Client.GetContactByEmailAsync("after@example.com");

        Assert.Equal(VendorOutcome.NotFound, probe.Outcome);
        Assert.Equal(VendorOutcome.NotFound, after.Outcome);
        Assert.Contains(host.Logs.Lines, l => l.Contains("circuit closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimitsAndValidationFailures_DoNotOpenTheCircuit()
    {
        await using var host = HubSpotSyncHost.Start(settings: SmallBreaker);
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.read", fault = "validation" } } });

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(VendorOutcome.Validation, (await host.Client.GetContactByEmailAsync($"c{i}@example.com")).Outcome);
        }

        Assert.Equal(8, host.Statuses(HubSpotSyncHost.ContactsPath).Count);
    }

    private sealed record VendorResultSummary(VendorOutcome Outcome, int? Status);
}
