using System.Net.Http.Headers;

namespace GtmGuard.Sync.Quotas;

/// <summary>
/// The <c>X-RateLimit-Limit/-Remaining/-Reset</c> family (Outreach, Clay). Reset may be Unix seconds (Outreach) or
/// seconds from now (Clay); both are read.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string Reset = "X-RateLimit-Reset";

    /// <summary>Values this large are Unix times, not durations (2001-09-09 onwards).</summary>
    private const long UnixTimeThreshold = 1_000_000_000;

    public static Func<HttpResponseHeaders, DateTimeOffset, IEnumerable<QuotaObservation>> For(string window) =>
        (headers, now) => Read(headers, now, window);

    public static IEnumerable<QuotaObservation> Read(HttpResponseHeaders headers, DateTimeOffset now, string window)
    {
        if (UsageHeaderValues.Long(headers, Remaining) is not { } remaining)
        {
            yield break;
        }

        DateTimeOffset? resetsAt = UsageHeaderValues.Long(headers, Reset) switch
        {
            // Clamped to a year ahead: a vendor's garbage must not overflow a date (or a Retry-After built from it).
            >= UnixTimeThreshold and var unix => DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, now.AddYears(1).ToUnixTimeSeconds())),
            > 0 and var seconds => now.AddSeconds(Math.Min(seconds, 365L * 24 * 3600)),
            _ => null,
        };
        yield return new QuotaObservation(window, remaining, UsageHeaderValues.Long(headers, Limit), resetsAt);
    }
}
