using System.Net.Http.Headers;

namespace GtmGuard.Sync.Quotas;

/// <summary>
/// HubSpot's <c>X-HubSpot-RateLimit-*</c> headers (vendor-facts §2.5): the 10-second window's max and remaining,
/// and for private apps the daily limit and remaining. Search responses carry none.
/// </summary>
internal static class HubSpotUsageHeaders
{
    public const string Max = "X-HubSpot-RateLimit-Max";
    public const string Remaining = "X-HubSpot-RateLimit-Remaining";
    public const string IntervalMilliseconds = "X-HubSpot-RateLimit-Interval-Milliseconds";
    public const string Daily = "X-HubSpot-RateLimit-Daily";
    public const string DailyRemaining = "X-HubSpot-RateLimit-Daily-Remaining";

    public static IEnumerable<QuotaObservation> Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (UsageHeaderValues.Long(headers, Remaining) is { } remaining)
        {
            yield return new QuotaObservation(QuotaWindowNames.TenSecond, remaining, UsageHeaderValues.Long(headers, Max));
        }

        if (UsageHeaderValues.Long(headers, DailyRemaining) is { } dailyRemaining)
        {
            yield return new QuotaObservation(QuotaWindowNames.Daily, dailyRemaining, UsageHeaderValues.Long(headers, Daily));
        }
    }
}
