using System.Globalization;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// The org's rolling 24-hour API request allocation (vendor-facts §1.8): every metered call counts, each
/// response says <c>Sforce-Limit-Info: api-usage=n/m</c>, and an exhausted allocation answers 403.
/// There is no per-second throttle and no Retry-After.
/// </summary>
internal sealed class SalesforceQuota : IQuotaPolicy
{
    public const string DailyPolicy = "DailyApiRequests";

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    // One-minute buckets: the allocation frees up minute by minute as old calls leave the window.
    private readonly RollingWindowCounter _daily = new(Window, 1440);
    private readonly long _limit;
    private readonly TimeProvider _clock;

    public SalesforceQuota(long limit, TimeProvider clock)
    {
        _limit = limit;
        _clock = clock;
    }

    public long Limit => _limit;

    public long Used => _daily.Used(_clock.GetUtcNow());

    public QuotaDecision TryConsume(SimRoute route, SimRequest request)
    {
        var now = _clock.GetUtcNow();
        var (acquired, used) = _daily.TryAcquire(now, _limit);
        var headers = new KeyValuePair<string, string>[] { new(SalesforceHeaders.LimitInfo, UsageHeader(used)) };
        return acquired
            ? new QuotaDecision(headers)
            : new QuotaDecision(headers, new QuotaRejection(DailyPolicy, "TotalRequests Limit exceeded.", _daily.OldestExpiry(now) - now));
    }

    public IReadOnlyList<QuotaUsage> Usage()
    {
        var used = Used;
        return [new QuotaUsage(DailyPolicy, _limit, used, Math.Max(0, _limit - used), Window.TotalSeconds)];
    }

    public void Reset() => _daily.Reset();

    private string UsageHeader(long used) => string.Create(CultureInfo.InvariantCulture, $"api-usage={used}/{_limit}");
}
