using System.Globalization;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Tests.Vendors.HubSpot;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace GtmGuard.Sync.Tests.Resilience;

/// <summary>Retry with backoff and Retry-After, against the HubSpot simulator (chaos and a WireMock override mapping).</summary>
public sealed class RetryTests
{
    private const string UpsertPath = HubSpotSyncHost.ContactsPath + "/batch/upsert";

    [Fact]
    public async Task RetryAfterSeconds_IsWaitedOnTheClock_BeforeTheOnlyRetry()
    {
        await using var host = HubSpotSyncHost.Start();
        RateLimitOnce(host, "17");

        var upsert = host.Client.UpsertContactsAsync(HubSpotContacts.Make(3));
        await host.Clock.WaitForTimerAsync(t => t == TimeSpan.FromSeconds(17));
        host.Clock.Advance(TimeSpan.FromSeconds(16.9));
        await Task.Delay(50);
        var attemptsBeforeTheWaitEnds = host.Requests(UpsertPath).Count;
        host.Clock.Advance(TimeSpan.FromSeconds(0.1));
        var result = await upsert.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, attemptsBeforeTheWaitEnds);
        Assert.True(result.IsSuccess);
        Assert.Equal([429, 200], host.Statuses(UpsertPath));
    }

    [Fact]
    public async Task RetryAfterHttpDate_IsReadAgainstTheInjectedClock()
    {
        await using var host = HubSpotSyncHost.Start();
        RateLimitOnce(host, host.Clock.GetUtcNow().AddSeconds(42).ToString("r", CultureInfo.InvariantCulture));

        var upsert = host.Client.UpsertContactsAsync(HubSpotContacts.Make(1));
        await host.Clock.WaitForTimerAsync(t => t == TimeSpan.FromSeconds(42));
        host.Clock.Advance(TimeSpan.FromSeconds(42));

        Assert.True((await upsert.WaitAsync(TimeSpan.FromSeconds(10))).IsSuccess);
    }

    [Fact]
    public async Task RetryAfterLongerThanTheCallMayWait_EndsRateLimitedWithoutRetrying()
    {
        await using var host = HubSpotSyncHost.Start();
        RateLimitOnce(host, "3600");

        var result = await host.Client.UpsertContactsAsync(HubSpotContacts.Make(1));

        Assert.Equal(VendorOutcome.RateLimited, result.Outcome);
        Assert.Equal([429], host.Statuses(UpsertPath));
    }

    [Fact]
    public async Task ChaosRateLimits_AreRetriedWithBackoff_UntilEveryBatchIsWritten()
    {
        await using var host = HubSpotSyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:HubSpot:Resilience:MaxRetryAttempts"] = "8" });
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { seed = 11, rules = new[] { new { operation = "contacts.batch.upsert", fault = "rateLimit", probability = 0.5 } } });

        var result = await host.Clock.PumpAsync(host.Client.UpsertContactsAsync(HubSpotContacts.Make(500)), TimeSpan.FromMilliseconds(250));

        Assert.True(result.IsSuccess, string.Join("; ", result.Failures.Select(f => f.Error)));
        Assert.Equal(500, (await host.StateAsync()).Count);
        Assert.Contains(429, host.Statuses(UpsertPath));
        Assert.Equal(5, host.Statuses(UpsertPath).Count(s => s == 200));
    }

    [Fact]
    public async Task ServerErrors_AreRetried()
    {
        // A ratio the default breaker would trip on; this test is about the retry, not the breaker.
        await using var host = HubSpotSyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:HubSpot:Resilience:BreakerFailureRatio"] = "1" });
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { seed = 3, rules = new[] { new { operation = "contacts.read", fault = "serverError", probability = 0.4 } } });

        var results = await host.Clock.PumpAsync(
            Task.WhenAll(Enumerable.Range(0, 10).Select(i => host.Client.GetContactByEmailAsync($"c{i}@example.com"))),
            TimeSpan.FromMilliseconds(250));

        Assert.All(results, r => Assert.Equal(VendorOutcome.NotFound, r.Outcome));
        Assert.Contains(500, host.Statuses(HubSpotSyncHost.ContactsPath));
    }

    [Fact]
    public async Task ValidationFailures_AreNotRetried()
    {
        await using var host = HubSpotSyncHost.Start();
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.batch.upsert", fault = "validation" } } });

        var result = await host.Client.UpsertContactsAsync(HubSpotContacts.Make(2));

        Assert.Equal(VendorOutcome.Validation, result.Outcome);
        Assert.Equal([400], host.Statuses(UpsertPath));
    }

    [Fact]
    public async Task MalformedSuccessBody_EndsAsServerError()
    {
        await using var host = HubSpotSyncHost.Start();
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.read", fault = "malformed" } } });

        var result = await host.Client.GetContactByEmailAsync("a@example.com");

        Assert.Equal(VendorOutcome.ServerError, result.Outcome);
        Assert.StartsWith("Malformed success body", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungVendor_EndsAsTimeout_AfterTheAttemptTimeout()
    {
        await using var host = HubSpotSyncHost.Start(settings: new Dictionary<string, string?>
        {
            ["Sync:Vendors:HubSpot:Resilience:MaxRetryAttempts"] = "0",
            ["Sync:Vendors:HubSpot:Resilience:AttemptTimeout"] = "00:00:05",
        });
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.read", fault = "hang", latency = "100s" } } });

        var result = await host.Clock.PumpAsync(host.Client.GetContactByEmailAsync("a@example.com"), TimeSpan.FromSeconds(1));

        Assert.Equal(VendorOutcome.Timeout, result.Outcome);
        Assert.True(host.VendorMetrics.RequestCount(Sync.Vendors.VendorId.HubSpot, "contacts.read", VendorOutcome.Timeout) >= 1);
    }

    /// <summary>A user mapping on the simulator's own WireMock server answers the first upsert with 429 and the given Retry-After.</summary>
    private static void RateLimitOnce(HubSpotSyncHost host, string retryAfter) =>
        host.Simulator.Server
            .Given(Request.Create().WithPath(UpsertPath).UsingPost())
            .InScenario("rate-limit-once")
            .WillSetStateTo("served")
            .AtPriority(1)
            .RespondWith(Response.Create()
                .WithStatusCode(429)
                .WithHeader("Retry-After", retryAfter)
                .WithHeader("Content-Type", "application/json")
                .WithBody("{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}"));
}
