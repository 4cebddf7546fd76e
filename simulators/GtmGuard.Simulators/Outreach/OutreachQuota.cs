using System.Collections.Concurrent;
using System.Globalization;
using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// 10,000 requests per user per clock hour (configurable), a fixed window that resets on the hour, reported in
/// <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (Unix seconds of the next hour).
/// </summary>
internal sealed class OutreachQuota : IQuotaPolicy
{
    public const string HourlyPolicy = "HOURLY";

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly TokenStore _tokens;
    private readonly TimeProvider _clock;

    public OutreachQuota(int requestsPerHour, TokenStore tokens, TimeProvider clock)
    {
        Limit = requestsPerHour;
        _tokens = tokens;
        _clock = clock;
    }

    public int Limit { get; }

    /// <summary>The top of the hour after <paramref name="now"/>, when the window resets.</summary>
    public static DateTimeOffset NextHour(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);

    public QuotaDecision TryConsume(SimRoute route, SimRequest request)
    {
        var now = _clock.GetUtcNow();
        var user = _tokens.Check(OutreachDialect.BearerToken(request)).Subject ?? "anonymous";
        var window = _windows.GetOrAdd(user, static _ => new Window());
        var reset = NextHour(now);
        long used;
        bool allowed;
        lock (window)
        {
            if (window.ResetsAt != reset)
            {
                (window.ResetsAt, window.Used) = (reset, 0);
            }

            allowed = window.Used < Limit;
            used = allowed ? ++window.Used : window.Used;
        }

        var headers = Headers(used, reset);
        return allowed
            ? new QuotaDecision(headers)
            : new QuotaDecision(headers, new QuotaRejection(HourlyPolicy, RejectionDetail(reset), reset - now));
    }

    /// <summary>The documented 429 detail: limit with a thousands separator, reset time without an offset.</summary>
    public string RejectionDetail(DateTimeOffset reset) => string.Create(
        CultureInfo.InvariantCulture,
        $"You have exceeded your permitted rate limit of {Limit:N0}; please try again at {reset.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.");

    public IReadOnlyList<QuotaUsage> Usage()
    {
        var reset = NextHour(_clock.GetUtcNow());
        return _windows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w =>
        {
            lock (w.Value)
            {
                var used = w.Value.ResetsAt == reset ? w.Value.Used : 0;
                return new QuotaUsage($"{HourlyPolicy}:user {w.Key}", Limit, used, Math.Max(0, Limit - used), 3600);
            }
        }).ToList();
    }

    public void Reset() => _windows.Clear();

    private KeyValuePair<string, string>[] Headers(long used, DateTimeOffset reset) =>
    [
        new(OutreachHeaders.RateLimitLimit, Limit.ToString(CultureInfo.InvariantCulture)),
        new(OutreachHeaders.RateLimitRemaining, Math.Max(0, Limit - used).ToString(CultureInfo.InvariantCulture)),
        new(OutreachHeaders.RateLimitReset, reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    private sealed class Window
    {
        public DateTimeOffset ResetsAt { get; set; }

        public long Used { get; set; }
    }
}
