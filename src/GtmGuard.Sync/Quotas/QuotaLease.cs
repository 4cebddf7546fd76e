namespace GtmGuard.Sync.Quotas;

/// <summary>A permit for one call; disposing it after the response records the call at the response's time.</summary>
internal sealed class QuotaLease : IDisposable
{
    private readonly QuotaLimiter? _limiter;
    private readonly QuotaWindow[] _windows;
    private int _disposed;

    private QuotaLease(QuotaLimiter? limiter, QuotaWindow[] windows, bool acquired, TimeSpan retryAfter)
    {
        _limiter = limiter;
        _windows = windows;
        IsAcquired = acquired;
        RetryAfter = retryAfter;
    }

    /// <summary>For calls no window meters.</summary>
    public static QuotaLease Unmetered { get; } = new(null, [], true, TimeSpan.Zero);

    public bool IsAcquired { get; }

    /// <summary>When refused: how long until the limiter expects a permit.</summary>
    public TimeSpan RetryAfter { get; }

    public static QuotaLease Granted(QuotaLimiter limiter, QuotaWindow[] windows) => new(limiter, windows, true, TimeSpan.Zero);

    public static QuotaLease Refused(TimeSpan retryAfter) => new(null, [], false, retryAfter);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _limiter?.Complete(_windows);
        }
    }
}
