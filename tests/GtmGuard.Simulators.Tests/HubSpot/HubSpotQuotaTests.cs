using System.Net;
using System.Net.Http.Json;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotQuotaTests
{
    private static readonly object EmptySearch = new { filterGroups = Array.Empty<object>() };

    [Fact]
    public async Task Responses_CarryRateLimitHeadersCountingDown()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 5);

        var first = await host.Http.GetAsync(Contacts);
        var second = await host.Http.GetAsync(Contacts);

        Assert.Equal("5", Header(first, "X-HubSpot-RateLimit-Max"));
        Assert.Equal("4", Header(first, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("3", Header(second, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("10000", Header(first, "X-HubSpot-RateLimit-Interval-Milliseconds"));
        Assert.Equal("250000", Header(first, "X-HubSpot-RateLimit-Daily"));
        Assert.Equal("249998", Header(second, "X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task ErrorResponses_AlsoCarryRateLimitHeaders()
    {
        await using var host = HubSpotTestHost.Start();

        var response = await host.Http.GetAsync($"{Contacts}/404404");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(Header(response, "X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task TenSecondWindow_WhenExhausted_Returns429TenSecondlyRollingWithHeaders()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(Contacts)).StatusCode);
        }

        var response = await host.Http.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Equal("error", Text(body, "status"));
        Assert.Equal("RATE_LIMIT", Text(body, "errorType"));
        Assert.Equal("TEN_SECONDLY_ROLLING", Text(body, "policyName"));
        Assert.Equal("You have reached your ten_secondly_rolling limit.", Text(body, "message"));
        Assert.NotNull(Text(body, "correlationId"));
        Assert.Equal("3", Header(response, "X-HubSpot-RateLimit-Max"));
        Assert.Equal("0", Header(response, "X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task TenSecondWindow_AfterTenSeconds_AllowsCallsAgain()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 3);
        for (var i = 0; i < 4; i++)
        {
            await host.Http.GetAsync(Contacts);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var response = await host.Http.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", Header(response, "X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task TenSecondWindow_IsRolling_NotFixed()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 2);
        await host.Http.GetAsync(Contacts);
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        await host.Http.GetAsync(Contacts);
        host.Clock.Advance(TimeSpan.FromSeconds(6));

        var oneLeft = await host.Http.GetAsync(Contacts);
        var refused = await host.Http.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.OK, oneLeft.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task DailyLimit_WhenExhausted_Returns429Daily()
    {
        await using var host = HubSpotTestHost.Start(o => o.DailyLimit = 2);
        await host.Http.GetAsync(Contacts);
        await host.Http.GetAsync(Contacts);

        var response = await host.Http.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Equal("RATE_LIMIT", Text(body, "errorType"));
        Assert.Equal("DAILY", Text(body, "policyName"));
        Assert.Equal("You have reached your daily limit.", Text(body, "message"));
        Assert.Equal("0", Header(response, "X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task DailyLimit_ResetsAtMidnight()
    {
        await using var host = HubSpotTestHost.Start(o => o.DailyLimit = 1);
        await host.Http.GetAsync(Contacts);
        var refused = await host.Http.GetAsync(Contacts);

        host.Clock.Advance(TimeSpan.FromHours(15));
        var nextDay = await host.Http.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
    }

    [Fact]
    public async Task SearchLimit_SixthSearchInOneSecond_Returns429SecondlyLimit()
    {
        await using var host = HubSpotTestHost.Start();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsJsonAsync($"{Contacts}/search", EmptySearch)).StatusCode);
        }

        var response = await host.Http.PostAsJsonAsync($"{Contacts}/search", EmptySearch);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Equal("RATE_LIMIT", Text(body, "errorType"));
        Assert.Equal("You have reached your secondly limit.", Text(body, "message"));
        Assert.Null(Header(response, "X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task SearchLimit_AfterOneSecond_AllowsSearchesAgain()
    {
        await using var host = HubSpotTestHost.Start();
        for (var i = 0; i < 6; i++)
        {
            await host.Http.PostAsJsonAsync($"{Contacts}/search", EmptySearch);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await host.Http.PostAsJsonAsync($"{Contacts}/search", EmptySearch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SearchResponses_CarryNoRateLimitHeaders_AndDoNotUseTheTenSecondWindow()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 1);

        var search = await host.Http.PostAsJsonAsync($"{Contacts}/search", EmptySearch);
        var list = await host.Http.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.DoesNotContain(search.Headers, h => h.Key.StartsWith("X-HubSpot-RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task OAuthCalls_UseTheirOwnAppWindow_AndCarryNoDailyHeaders()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 1);
        using var oauth = host.Client(Text(await host.AuthorizeAsync(), "access_token"));
        await host.Http.GetAsync(Contacts);

        var privateAppRefused = await host.Http.GetAsync(Contacts);
        var oauthAllowed = await oauth.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.TooManyRequests, privateAppRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oauthAllowed.StatusCode);
        Assert.NotNull(Header(oauthAllowed, "X-HubSpot-RateLimit-Max"));
        Assert.Null(Header(oauthAllowed, "X-HubSpot-RateLimit-Daily"));
    }

    [Fact]
    public async Task OAuthApp_DefaultsTo110RequestsPerTenSeconds()
    {
        await using var host = HubSpotTestHost.Start();
        using var oauth = host.Client(Text(await host.AuthorizeAsync(), "access_token"));

        var response = await oauth.GetAsync(Contacts);

        Assert.Equal("110", Header(response, "X-HubSpot-RateLimit-Max"));
    }

    [Fact]
    public async Task UnauthenticatedCalls_DoNotConsumeQuota()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 1);
        using var anonymous = host.Client();
        await anonymous.GetAsync(Contacts);

        var response = await host.Http.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ControlQuota_ReportsUsage_AndQuotaReset_RestoresTheWindow()
    {
        await using var host = HubSpotTestHost.Start(o => o.TenSecondLimit = 1);
        await host.Http.GetAsync(Contacts);

        var usage = await JsonObjectAsync(await host.ControlAsync(HttpMethod.Get, "/quota"));
        var reset = await host.ControlAsync(HttpMethod.Post, "/quota/reset");
        var response = await host.Http.GetAsync(Contacts);

        var tenSecond = usage["windows"]!.AsArray().Single(w => Text(w, "window") == "TEN_SECONDLY_ROLLING");
        Assert.Equal(1, tenSecond!["used"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
