using System.Net;
using System.Text;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachQuotaTests
{
    private static readonly long TenOClock = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Fact]
    public async Task EveryApiResponse_CarriesTheRateLimitHeaders()
    {
        await using var host = await OutreachTestHost.StartAsync();

        using var list = await host.Api.GetAsync("/api/v2/prospects");
        using var missing = await host.Api.GetAsync("/api/v2/prospects/999");

        Assert.Equal("10000", Header(list, "X-RateLimit-Limit"));
        Assert.Equal("9999", Header(list, "X-RateLimit-Remaining"));
        Assert.Equal(TenOClock.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(list, "X-RateLimit-Reset"));
        Assert.Equal("9998", Header(missing, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task ExhaustedHour_Is429WithHeadersAndRetryAfter_ThenTheWindowResetsAtTheTopOfTheHour()
    {
        await using var host = await OutreachTestHost.StartAsync(o => o.RequestsPerHour = 3);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await host.Api.GetAsync("/api/v2/prospects");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await host.Api.GetAsync("/api/v2/prospects");
        host.Clock.Advance(TimeSpan.FromMinutes(40));
        using var nextHour = await host.Api.GetAsync("/api/v2/prospects");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(OutreachTestHost.JsonApi, limited.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            """{"errors":[{"id":"rateLimitExceeded","title":"Rate Limit Exceeded","detail":"You have exceeded your permitted rate limit of 3; please try again at 2026-11-27T10:00:00."}]}""",
            await limited.Content.ReadAsStringAsync());
        Assert.Equal("2400", Header(limited, "Retry-After"));
        Assert.Equal("3", Header(limited, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal(TenOClock.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(limited, "X-RateLimit-Reset"));
        Assert.Equal(HttpStatusCode.OK, nextHour.StatusCode);
        Assert.Equal("2", Header(nextHour, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task UnauthenticatedCalls_DoNotSpendTheQuota()
    {
        await using var host = await OutreachTestHost.StartAsync(o => o.RequestsPerHour = 1);

        using var anonymous = await host.Http.GetAsync("/api/v2/prospects");
        using var authenticated = await host.Api.GetAsync("/api/v2/prospects");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }

    [Fact]
    public async Task InjectedRateLimit_UsesTheDocumentedMessageWithTheConfiguredLimit()
    {
        await using var host = await OutreachTestHost.StartAsync();
        using var plan = await host.Http.PutAsync("/__gtmguard/chaos", new StringContent("""{"rules":[{"operation":"prospects.list","fault":"rateLimit"}]}""", Encoding.UTF8, "application/json"));

        using var response = await host.Api.GetAsync("/api/v2/prospects");

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("You have exceeded your permitted rate limit of 10,000; please try again at 2026-11-27T10:00:00.", error["detail"]!.GetValue<string>());
        Assert.Equal("3600", Header(response, "Retry-After"));
    }

    [Theory]
    [InlineData("serverError", 500, "internalServerError")]
    [InlineData("unavailable", 503, "scheduledServerMaintenance")]
    [InlineData("validation", 422, "validationError")]
    [InlineData("unauthorized", 401, "unauthorized")]
    public async Task InjectedFaults_ComeBackAsJsonApiErrors(string fault, int status, string id)
    {
        await using var host = await OutreachTestHost.StartAsync();
        using var plan = await host.Http.PutAsync("/__gtmguard/chaos", new StringContent($$"""{"rules":[{"operation":"prospects.*","fault":"{{fault}}"}]}""", Encoding.UTF8, "application/json"));

        using var response = await host.Api.GetAsync("/api/v2/prospects");

        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(OutreachTestHost.JsonApi, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(id, (await OutreachTestHost.FirstError(response))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task InjectedMaintenance_Is503WithRetryAfterAsAnIsoTime()
    {
        await using var host = await OutreachTestHost.StartAsync();
        using var plan = await host.Http.PutAsync("/__gtmguard/chaos", new StringContent("""{"rules":[{"fault":"unavailable"}]}""", Encoding.UTF8, "application/json"));

        using var response = await host.Api.GetAsync("/api/v2/sequences");

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Scheduled Server Maintenance", error["title"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:01:00", Header(response, "Retry-After"));
    }
}
