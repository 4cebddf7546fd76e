using System.Net.Http.Headers;
using GtmGuard.Sync.Quotas;

namespace GtmGuard.Sync.Tests.Quotas;

public sealed class UsageHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void HubSpot_TenSecondAndDailyHeaders_AreBothRead()
    {
        var headers = Headers(
            ("X-HubSpot-RateLimit-Max", "100"),
            ("X-HubSpot-RateLimit-Remaining", "97"),
            ("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"),
            ("X-HubSpot-RateLimit-Daily", "250000"),
            ("X-HubSpot-RateLimit-Daily-Remaining", "249000"));

        var observations = HubSpotUsageHeaders.Read(headers, Now).ToList();

        Assert.Equal(
            [new QuotaObservation(QuotaWindowNames.TenSecond, 97, 100), new QuotaObservation(QuotaWindowNames.Daily, 249_000, 250_000)],
            observations);
    }

    [Fact]
    public void Salesforce_ApiUsage_BecomesTheDailyRemaining()
    {
        var headers = Headers(("Sforce-Limit-Info", "api-usage=18/5000; api-bursts=1/750"));

        var observation = Assert.Single(SalesforceUsageHeaders.Read(headers, Now));

        Assert.Equal(new QuotaObservation(QuotaWindowNames.Daily, 4982, 5000), observation);
    }

    [Fact]
    public void RateLimit_ResetAsUnixSeconds_IsAnInstant()
    {
        var reset = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var headers = Headers(("X-RateLimit-Limit", "10000"), ("X-RateLimit-Remaining", "12"), ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var observation = Assert.Single(RateLimitHeaders.Read(headers, Now, QuotaWindowNames.Hourly));

        Assert.Equal(new QuotaObservation(QuotaWindowNames.Hourly, 12, 10000, reset), observation);
    }

    [Theory]
    [InlineData("99999999999999")]
    [InlineData("9223372036854775807")]
    public void RateLimit_ResetFarBeyondAnyDate_IsClampedToAYearAhead(string reset)
    {
        var headers = Headers(("X-RateLimit-Limit", "10000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset));

        var observation = Assert.Single(RateLimitHeaders.Read(headers, Now, QuotaWindowNames.Hourly));

        Assert.Equal(Now.AddYears(1), observation.ResetsAt);
    }

    [Fact]
    public void RateLimit_ResetAsSeconds_IsCountedFromNow()
    {
        var headers = Headers(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "30"));

        var observation = Assert.Single(RateLimitHeaders.Read(headers, Now, QuotaWindowNames.Workspace));

        Assert.Equal(Now.AddSeconds(30), observation.ResetsAt);
    }

    [Fact]
    public void Headers_Absent_OrUnreadable_SayNothing()
    {
        var headers = Headers(("X-HubSpot-RateLimit-Remaining", "lots"), ("Sforce-Limit-Info", "per-app-api-usage=1/2"));

        Assert.Empty(HubSpotUsageHeaders.Read(headers, Now));
        Assert.Empty(SalesforceUsageHeaders.Read(headers, Now));
        Assert.Empty(RateLimitHeaders.Read(headers, Now, QuotaWindowNames.Hourly));
    }

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in values)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }
}
