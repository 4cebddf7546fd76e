using System.Globalization;
using System.Net.Http.Headers;

namespace GtmGuard.Sync.Resilience;

/// <summary>
/// Reads <c>Retry-After</c> as delta seconds or an HTTP date, plus the ISO-8601 time Outreach sends during maintenance,
/// against the injected clock.
/// </summary>
internal static class RetryAfter
{
    public const string HeaderName = "Retry-After";

    public static bool TryGet(HttpResponseMessage response, TimeProvider clock, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (response.Headers.RetryAfter is { } parsed)
        {
            return TryGet(parsed, clock, out delay);
        }

        // Values HttpClient cannot parse (ISO-8601 without an offset) stay in the raw header collection.
        return response.Headers.TryGetValues(HeaderName, out var values) && TryParse(values.FirstOrDefault(), clock, out delay);
    }

    /// <summary>The longest wait read from a header (a year): anything longer means the same to a caller.</summary>
    private const long MaxSeconds = 365L * 24 * 3600;

    public static bool TryParse(string? value, TimeProvider clock, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            // A wait beyond any call's budget only has to read as "too long"; clamped, it cannot overflow a TimeSpan.
            delay = TimeSpan.FromSeconds(Math.Min(seconds, MaxSeconds));
            return true;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            delay = Until(date, clock);
            return true;
        }

        return false;
    }

    private static bool TryGet(RetryConditionHeaderValue header, TimeProvider clock, out TimeSpan delay)
    {
        delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => Until(date, clock),
            _ => TimeSpan.Zero,
        };
        return header.Delta is not null || header.Date is not null;
    }

    private static TimeSpan Until(DateTimeOffset date, TimeProvider clock)
    {
        var wait = date - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
