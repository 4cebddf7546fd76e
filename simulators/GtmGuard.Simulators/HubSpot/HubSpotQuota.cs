using System.Collections.Concurrent;
using System.Globalization;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// HubSpot's per-account quota: a rolling 10-second window and a daily count reset at midnight UTC,
/// plus the Search API's own per-token limit per second (search responses carry no rate-limit headers).
/// </summary>
internal sealed class HubSpotQuota : IQuotaPolicy
{
    public const string TenSecondPolicy = "TEN_SECONDLY_ROLLING";
    public const string DailyPolicy = "DAILY";
    public const string SecondlyPolicy = "SECONDLY";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly HubSpotRateLimits _limits;
    private readonly TimeProvider _clock;
    private readonly RollingWindowCounter _tenSecond = new(Interval, 100);
    private readonly ConcurrentDictionary<string, RollingWindowCounter> _searchPerToken = new(StringComparer.Ordinal);
    private readonly Lock _dailyGate = new();
    private long _day;
    private long _dailyUsed;

    public HubSpotQuota(HubSpotRateLimits limits, TimeProvider clock)
    {
        _limits = limits;
        _clock = clock;
    }

    public QuotaDecision TryConsume(SimRoute route, SimRequest request)
    {
        var now = _clock.GetUtcNow();
        if (route.Operation.EndsWith(".search", StringComparison.Ordinal))
        {
            var token = request.Header("Authorization") ?? string.Empty;
            var window = _searchPerToken.GetOrAdd(token, static _ => new RollingWindowCounter(TimeSpan.FromSeconds(1), 10));
            return window.TryAcquire(now, _limits.SearchPerSecondLimit).Acquired
                ? QuotaDecision.Unmetered
                : new QuotaDecision([], new QuotaRejection(SecondlyPolicy, "You have reached your secondly limit.", TimeSpan.FromSeconds(1)));
        }

        var (dailyOk, dailyUsed) = TryConsumeDaily(now);
        if (!dailyOk)
        {
            var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            return new QuotaDecision(Headers(_tenSecond.Used(now), dailyUsed), new QuotaRejection(DailyPolicy, "You have reached your daily limit.", midnight - now));
        }

        var (burstOk, burstUsed) = _tenSecond.TryAcquire(now, _limits.TenSecondLimit);
        if (!burstOk)
        {
            ReleaseDaily();
            return new QuotaDecision(
                Headers(burstUsed, dailyUsed - 1),
                new QuotaRejection(TenSecondPolicy, "You have reached your ten_secondly_rolling limit.", _tenSecond.OldestExpiry(now) - now));
        }

        return new QuotaDecision(Headers(burstUsed, dailyUsed));
    }

    public IReadOnlyList<QuotaUsage> Usage()
    {
        var now = _clock.GetUtcNow();
        var burst = _tenSecond.Used(now);
        var daily = DailyUsed(now);
        return
        [
            new QuotaUsage(TenSecondPolicy, _limits.TenSecondLimit, burst, Math.Max(0, _limits.TenSecondLimit - burst), Interval.TotalSeconds),
            new QuotaUsage(DailyPolicy, _limits.DailyLimit, daily, Math.Max(0, _limits.DailyLimit - daily), 86_400),
        ];
    }

    public void Reset()
    {
        _tenSecond.Reset();
        _searchPerToken.Clear();
        lock (_dailyGate)
        {
            _dailyUsed = 0;
        }
    }

    private KeyValuePair<string, string>[] Headers(long burstUsed, long dailyUsed)
    {
        var max = _limits.TenSecondLimit;
        var remaining = Math.Max(0, max - burstUsed);
        return
        [
            new(HubSpotHeaders.Daily, _limits.DailyLimit.ToString(CultureInfo.InvariantCulture)),
            new(HubSpotHeaders.DailyRemaining, Math.Max(0, _limits.DailyLimit - dailyUsed).ToString(CultureInfo.InvariantCulture)),
            new(HubSpotHeaders.IntervalMilliseconds, "10000"),
            new(HubSpotHeaders.Max, max.ToString(CultureInfo.InvariantCulture)),
            new(HubSpotHeaders.Remaining, remaining.ToString(CultureInfo.InvariantCulture)),
            new(HubSpotHeaders.Secondly, (max / 10).ToString(CultureInfo.InvariantCulture)),
            new(HubSpotHeaders.SecondlyRemaining, Math.Min(max / 10, remaining).ToString(CultureInfo.InvariantCulture)),
        ];
    }

    private (bool Ok, long Used) TryConsumeDaily(DateTimeOffset now)
    {
        lock (_dailyGate)
        {
            RollDay(now);
            if (_dailyUsed >= _limits.DailyLimit)
            {
                return (false, _dailyUsed);
            }

            return (true, ++_dailyUsed);
        }
    }

    private void ReleaseDaily()
    {
        lock (_dailyGate)
        {
            _dailyUsed = Math.Max(0, _dailyUsed - 1);
        }
    }

    private long DailyUsed(DateTimeOffset now)
    {
        lock (_dailyGate)
        {
            RollDay(now);
            return _dailyUsed;
        }
    }

    private void RollDay(DateTimeOffset now)
    {
        var day = now.UtcTicks / TimeSpan.TicksPerDay;
        if (day != _day)
        {
            _day = day;
            _dailyUsed = 0;
        }
    }
}
