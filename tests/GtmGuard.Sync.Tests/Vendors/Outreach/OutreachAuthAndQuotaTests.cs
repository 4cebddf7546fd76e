using System.Globalization;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Tests.Vendors.Outreach;

public sealed class OutreachAuthAndQuotaTests
{
    [Fact]
    public async Task RotatingRefreshTokens_EachRefreshUsesTheOneOutreachReturnedLast()
    {
        await using var host = OutreachSyncHost.Start();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(VendorOutcome.NotFound, (await host.Client.FindProspectByEmailAsync($"r{i}@example.com")).Outcome);
            await host.ControlAsync(HttpMethod.Post, "/tokens/expire");
        }

        var sent = host.Requests(OutreachSyncHost.TokenPath)
            .Select(e => e.RequestMessage.Body!.Split('&').Single(p => p.StartsWith("refresh_token=", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(3, sent.Distinct().Count());
        Assert.DoesNotContain(400, host.Statuses(OutreachSyncHost.TokenPath));
    }

    [Fact]
    public async Task ARefreshAnsweredWithAServerError_IsNotResent_SinceOutreachMayHaveRotatedTheToken()
    {
        await using var host = OutreachSyncHost.Start();
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "oauth.token", fault = "serverError" } } });

        var outcome = (await host.Client.FindProspectByEmailAsync("r@example.com")).Outcome;

        Assert.NotEqual(VendorOutcome.Success, outcome);
        Assert.Single(host.Requests(OutreachSyncHost.TokenPath));
    }

    [Fact]
    public async Task HourlyLimitReportedInHeaders_StopsCallsBeforeA429()
    {
        await using var host = OutreachSyncHost.Start(simulator: o => o.RequestsPerHour = 5);
        var outcomes = new List<VendorOutcome>();

        for (var i = 0; i < 7; i++)
        {
            outcomes.Add((await host.Client.FindProspectByEmailAsync($"q{i}@example.com")).Outcome);
        }

        Assert.Equal(5, outcomes.Count(o => o == VendorOutcome.NotFound));
        Assert.Equal([VendorOutcome.RateLimited, VendorOutcome.RateLimited], outcomes.Skip(5));
        Assert.DoesNotContain(429, host.Statuses(OutreachSyncHost.Api));
        Assert.Equal(5, host.Limiter.Snapshot().Single(w => w.Name == QuotaWindowNames.Hourly).Limit);
    }

    [Fact]
    public async Task RateLimitedNearTheTopOfTheHour_WaitsForRetryAfter_ThenSucceeds()
    {
        await using var host = OutreachSyncHost.Start(simulator: o => o.RequestsPerHour = 3);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 59, 30, TimeSpan.Zero));
        using var other = await host.OtherClientAsync();
        for (var i = 0; i < 3; i++)
        {
            (await other.GetAsync(OutreachSyncHost.Api + "/prospects")).Dispose();
        }

        var result = await host.Clock.PumpAsync(host.Client.FindProspectByEmailAsync("late@example.com"), TimeSpan.FromSeconds(1));

        Assert.Equal(VendorOutcome.NotFound, result.Outcome);
        var prospects = host.Requests(OutreachSyncHost.Api + "/prospects").Where(e => e.RequestMessage.Query?.ContainsKey("filter[emails]") == true).ToList();
        Assert.Equal(["429", "200"], prospects.Select(e => Convert.ToString(e.ResponseMessage.StatusCode, CultureInfo.InvariantCulture)));
        // The fake clock is pumped while the call is pending, so the 429 may come a few seconds after 9:59:30.
        Assert.InRange(int.Parse(prospects[0].ResponseMessage.Headers!["Retry-After"].Single(), CultureInfo.InvariantCulture), 1, 30);
        Assert.True(host.Clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    }
}
