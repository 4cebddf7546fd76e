using System.Collections.Concurrent;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Quotas;

/// <summary>The process's limiters, one per vendor account: every client of an account gets the same instance.</summary>
internal sealed class QuotaRegistry
{
    private readonly ConcurrentDictionary<(VendorId Vendor, string Account), Lazy<QuotaLimiter>> _limiters = new();
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggers;

    public QuotaRegistry(TimeProvider clock, ILoggerFactory loggers)
    {
        _clock = clock;
        _loggers = loggers;
    }

    public IEnumerable<QuotaLimiter> All => _limiters.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>The account's limiter; the first caller's policy configures it.</summary>
    public QuotaLimiter For(VendorId vendor, string account, QuotaPolicy policy) =>
        _limiters.GetOrAdd(
            (vendor, account),
            key => new Lazy<QuotaLimiter>(() => new QuotaLimiter(key.Vendor, key.Account, policy, _clock, _loggers.CreateLogger<QuotaLimiter>()))).Value;
}
