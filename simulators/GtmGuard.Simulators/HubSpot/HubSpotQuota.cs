using System.Collections.Concurrent;
using System.Globalization;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// HubSpot's quota: a rolling 10-second window per app (the private app and the public OAuth app count separately),
/// the account's daily count reset at midnight (UTC here), and the Search API's own per-token limit per second.
/// Search responses carry no rate-limit headers; OAuth calls carry no daily headers.
/// </summary>
internal sealed class HubSpotQuota : IQuotaPolicy
{
    public const string TenSecondPolicy = "TEN_SECONDLY_ROLLING";
    public const string DailyPolicy = "DAILY";
    public const string SecondlyPolicy = "SECONDLY";
    public const string TenSecondMessage = "You have reached your ten_secondly_rolling limit.";
    public const string DailyMessage = "You have reached your daily limit.";
    public const string SecondlyMessage = "You have reached your secondly limit.";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly HubSpotRateLimits _limits;
    private readonly TimeProvider _clock;
    private readonly Func<SimRequest, bool> _isPrivateApp;
    private readonly RollingWindowCounter _privateApp = new(Interval, 100);
    private readonly RollingWindowCounter _oauthApp = new(Interval, 100);
    private readonly ConcurrentDictionary<string, RollingWindowCounter> _searchPerToken = new(StringComparer.Ordinal);
    private readonly Lock _dailyGate = new();
    private long _day = long.MinValue;
    private long _dailyUsed;

    public HubSpotQuota(HubSpotRateLimits limits, TimeProvider clock, Func<SimRequest, bool> isPrivateApp)
    {
        _limits = limits;
        _clock = clock;
        _isPrivateApp = isPrivateApp;
    }

    public QuotaDecision TryConsume(SimRoute route, SimRequest request)
    {
        var now = _clock.GetUtcNow();
        if (route.Operation.EndsWith(".search", StringComparison.Ordinal))
        {
            var token = HubSpotDialect.BearerToken(request) ?? string.Empty;
            var window = _searchPerToken.GetOrAdd(token, static _ => new RollingWindowCounter(TimeSpan.FromSeconds(1), 10));
            return window.TryAcquire(now, _limits.SearchPerSecondLimit).Acquired
                ? QuotaDecision.Unmetered
                : new QuotaDecision([], new QuotaRejection(SecondlyPolicy, SecondlyMessage, TimeSpan.FromSeconds(1)));
        }

        var privateApp = _isPrivateApp(request);
        var (window10, limit10) = privateApp ? (_privateApp, _limits.TenSecondLimit) : (_oauthApp, _limits.OAuthTenSecondLimit);
        var (dailyOk, dailyUsed) = TryConsumeDaily(now);
        if (!dailyOk)
        {
            var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            return new QuotaDecision(
                Headers(privateApp, limit10, window10.Used(now), dailyUsed),
                new QuotaRejection(DailyPolicy, DailyMessage, midnight - now));
        }

        var (burstOk, burstUsed) = window10.TryAcquire(now, limit10);
        if (!burstOk)
        {
            ReleaseDaily();
            return new QuotaDecision(
                Headers(privateApp, limit10, burstUsed, dailyUsed - 1),
                new QuotaRejection(TenSecondPolicy, TenSecondMessage, window10.OldestExpiry(now) - now));
        }

        return new QuotaDecision(Headers(privateApp, limit10, burstUsed, dailyUsed));
    }

    public IReadOnlyList<QuotaUsage> Usage()
    {
        var now = _clock.GetUtcNow();
        var daily = DailyUsed(now);
        return
        [
            Window(TenSecondPolicy, _limits.TenSecondLimit, _privateApp.Used(now)),
            Window(TenSecondPolicy + "_OAUTH", _limits.OAuthTenSecondLimit, _oauthApp.Used(now)),
            new QuotaUsage(DailyPolicy, _limits.DailyLimit, daily, Math.Max(0, _limits.DailyLimit - daily), TimeSpan.FromDays(1).TotalSeconds),
        ];
    }

    public void Reset()
    {
        _privateApp.Reset();
        _oauthApp.Reset();
        _searchPerToken.Clear();
        lock (_dailyGate)
        {
            _dailyUsed = 0;
        }
    }

    private static QuotaUsage Window(string name, long limit, long used) =>
        new(name, limit, used, Math.Max(0, limit - used), Interval.TotalSeconds);

    private KeyValuePair<string, string>[] Headers(bool privateApp, int max, long burstUsed, long dailyUsed)
    {
        var remaining = Math.Max(0, max - burstUsed);
        var headers = new List<KeyValuePair<string, string>>(7);
        if (privateApp)
        {
            headers.Add(new(HubSpotHeaders.Daily, Text(_limits.DailyLimit)));
            headers.Add(new(HubSpotHeaders.DailyRemaining, Text(Math.Max(0, _limits.DailyLimit - dailyUsed))));
        }

        headers.Add(new(HubSpotHeaders.IntervalMilliseconds, Text((long)Interval.TotalMilliseconds)));
        headers.Add(new(HubSpotHeaders.Max, Text(max)));
        headers.Add(new(HubSpotHeaders.Remaining, Text(remaining)));
        headers.Add(new(HubSpotHeaders.Secondly, Text(max / 10)));
        headers.Add(new(HubSpotHeaders.SecondlyRemaining, Text(Math.Min(max / 10, remaining))));
        return [.. headers];
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

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
