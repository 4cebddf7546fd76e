using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Tests.Vendors.HubSpot;

namespace GtmGuard.Sync.Tests.Quotas;

/// <summary>The account limiter against the HubSpot simulator's real 10-second window, on one fake clock.</summary>
public sealed class QuotaSharingTests
{
    private static readonly Dictionary<string, string?> TenPerTenSeconds = new()
    {
        ["Sync:Vendors:HubSpot:Quota:TenSecondLimit"] = "10",
    };

    [Fact]
    public async Task ThreeWorkflows_SharingTenCallsPerTenSeconds_NeverSeeA429()
    {
        await using var host = HubSpotSyncHost.Start(simulator: o => o.TenSecondLimit = 10, settings: TenPerTenSeconds);
        var started = host.Clock.GetUtcNow();

        // Each workflow resolves its own client; all three share the account's one limiter.
        var workflows = Enumerable.Range(1, 3).Select(w => Task.Run(async () =>
        {
            var client = host.Client;
            var outcomes = new List<VendorOutcome>();
            for (var i = 0; i < 10; i++)
            {
                outcomes.Add((await client.GetContactByEmailAsync($"w{w}-{i}@example.com")).Outcome);
            }

            return outcomes;
        }));
        var outcomes = await host.Clock.PumpAsync(Task.WhenAll(workflows), TimeSpan.FromMilliseconds(500));

        Assert.All(outcomes.SelectMany(o => o), o => Assert.Equal(VendorOutcome.NotFound, o));
        Assert.Equal(30, host.Statuses(HubSpotSyncHost.ContactsPath).Count);
        Assert.DoesNotContain(429, host.Statuses());
        Assert.True(host.Clock.GetUtcNow() - started >= TimeSpan.FromSeconds(20), "30 calls at 10 per 10 s need at least two more windows.");
    }

    [Fact]
    public async Task VendorLimitHeader_LowerThanConfigured_LowersTheLimiterBeforeA429()
    {
        await using var host = HubSpotSyncHost.Start(simulator: o => o.TenSecondLimit = 10);

        var calls = Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                Assert.Equal(VendorOutcome.NotFound, (await host.Client.GetContactByEmailAsync($"c{i}@example.com")).Outcome);
            }
        });
        await host.Clock.PumpAsync(calls, TimeSpan.FromMilliseconds(500));

        Assert.DoesNotContain(429, host.Statuses());
        Assert.Equal(10, host.Limiter.Snapshot().Single(w => w.Name == QuotaWindowNames.TenSecond).Limit);
    }

    [Fact]
    public async Task OtherClientsOfTheAccount_SlowTheLimiterDown_BeforeHubSpotRefuses()
    {
        await using var host = HubSpotSyncHost.Start(simulator: o => o.TenSecondLimit = 10, settings: TenPerTenSeconds);
        for (var i = 0; i < 8; i++)
        {
            (await host.Raw.GetAsync(HubSpotSyncHost.ContactsPath + "?limit=1")).Dispose();
        }

        var calls = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(VendorOutcome.NotFound, (await host.Client.GetContactByEmailAsync($"c{i}@example.com")).Outcome);
            }
        });
        await host.Clock.PumpAsync(calls, TimeSpan.FromMilliseconds(500));

        Assert.DoesNotContain(429, host.Statuses());
        Assert.Contains(host.Logs.Lines, l => l.Contains("adapted to the vendor's report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimitWithoutRetryAfter_TheRetryWaitsForAPermitAgain()
    {
        await using var host = HubSpotSyncHost.Start(simulator: o => o.TenSecondLimit = 10, settings: TenPerTenSeconds);
        for (var i = 0; i < 10; i++)
        {
            (await host.Raw.GetAsync(HubSpotSyncHost.ContactsPath + "?limit=1")).Dispose();
        }

        var result = await host.Clock.PumpAsync(host.Client.GetContactByEmailAsync("late@example.com"), TimeSpan.FromMilliseconds(500));

        Assert.Equal(VendorOutcome.NotFound, result.Outcome);
        Assert.Equal([429, 404], host.Statuses(HubSpotSyncHost.ContactsPath + "/"));
    }

    [Fact]
    public async Task QuotaRemaining_IsExportedPerWindow()
    {
        await using var host = HubSpotSyncHost.Start(settings: TenPerTenSeconds);

        await host.Client.GetContactByEmailAsync("a@example.com");
        await host.Client.GetContactByEmailAsync("b@example.com");
        using var text = new MemoryStream();
        await host.Registry.CollectAndExportAsTextAsync(text);
        var exported = System.Text.Encoding.UTF8.GetString(text.ToArray());

        Assert.Contains("gtmguard_quota_remaining{vendor=\"hubspot\",window=\"ten_second\"} 8", exported, StringComparison.Ordinal);
        Assert.Contains("gtmguard_quota_remaining{vendor=\"hubspot\",window=\"search\"} 5", exported, StringComparison.Ordinal);
    }
}
