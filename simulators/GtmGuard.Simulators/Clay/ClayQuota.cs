using System.Globalization;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// The Public API's per-workspace rate limit: a rolling window with <c>X-RateLimit-*</c> headers. Clay does not
/// publish the number; <see cref="ClayOptions.PublicApiRequests"/> per <see cref="ClayOptions.PublicApiPer"/> stands in for it.
/// </summary>
internal sealed class ClayQuota : IQuotaPolicy
{
    public const string PolicyName = "WORKSPACE";

    private readonly RollingWindowCounter _window;
    private readonly int _limit;
    private readonly TimeProvider _clock;

    public ClayQuota(ClayOptions options, TimeProvider clock)
    {
        _limit = options.PublicApiRequests;
        _window = new RollingWindowCounter(options.PublicApiPer, 100);
        _clock = clock;
    }

    public QuotaDecision TryConsume(SimRoute route, SimRequest request)
    {
        var now = _clock.GetUtcNow();
        var (acquired, used) = _window.TryAcquire(now, _limit);
        var reset = Reset(now);
        var headers = Headers(used, reset);
        return acquired
            ? new QuotaDecision(headers)
            : new QuotaDecision(headers, new QuotaRejection(PolicyName, "Rate limit exceeded. Retry after the Retry-After interval.", reset));
    }

    public IReadOnlyList<QuotaUsage> Usage()
    {
        var used = _window.Used(_clock.GetUtcNow());
        return [new QuotaUsage(PolicyName, _limit, used, Math.Max(0, _limit - used), _window.Window.TotalSeconds)];
    }

    public void Reset() => _window.Reset();

    private TimeSpan Reset(DateTimeOffset now)
    {
        var wait = _window.OldestExpiry(now) - now;
        return wait > TimeSpan.Zero ? wait : _window.Window;
    }

    private KeyValuePair<string, string>[] Headers(long used, TimeSpan reset) =>
    [
        new(ClayHeaders.RateLimitLimit, _limit.ToString(CultureInfo.InvariantCulture)),
        new(ClayHeaders.RateLimitRemaining, Math.Max(0, _limit - used).ToString(CultureInfo.InvariantCulture)),
        new(ClayHeaders.RateLimitReset, Seconds(reset)),
    ];

    public static string Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
