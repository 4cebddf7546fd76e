namespace GtmGuard.Sync.Quotas;

/// <summary>
/// The client's count of one quota window; not thread-safe (the limiter holds its lock).
/// A call counts from the moment it gets a permit (in flight) and, once its response is back, at the time of the
/// response: the vendor has counted it by then, so a permit never expires here before it expires at the vendor.
/// Rolling windows keep completed calls in short buckets and let a bucket go one bucket width late (conservative).
/// </summary>
internal sealed class QuotaWindow
{
    private const int BucketsPerWindow = 100;

    private readonly LinkedList<Bucket> _buckets = new();
    private readonly long _bucketTicks;
    private long _inFlight;
    private long _completed;
    private long _fixedWindowEnd = long.MinValue;
    private long _lastGrant = long.MinValue;

    public QuotaWindow(QuotaWindowSpec spec)
    {
        Spec = spec;
        Limit = spec.Limit;
        _bucketTicks = Math.Max(TimeSpan.TicksPerMillisecond, spec.Period.Ticks / BucketsPerWindow);
    }

    public QuotaWindowSpec Spec { get; }

    public string Name => Spec.Name;

    /// <summary>The configured limit, lowered when the vendor reports a smaller one.</summary>
    public long Limit { get; private set; }

    public long Used(DateTimeOffset now)
    {
        Expire(now.UtcTicks);
        return _inFlight + _completed;
    }

    public long Remaining(DateTimeOffset now) => Math.Max(0, Limit - Used(now));

    /// <summary>
    /// Zero when a permit can be granted now; a positive wait until one can; null when only an in-flight call
    /// completing can change the answer.
    /// </summary>
    public TimeSpan? Wait(DateTimeOffset now, double slowDownBelow)
    {
        var ticks = now.UtcTicks;
        var used = Used(now);
        if (used < Limit)
        {
            return Pacing(ticks, Limit - used, slowDownBelow);
        }

        if (Spec.Fixed)
        {
            return TimeSpan.FromTicks(_fixedWindowEnd - ticks);
        }

        return _buckets.First is { } oldest ? TimeSpan.FromTicks(Expiry(oldest.Value) - ticks) : null;
    }

    public void Acquire(DateTimeOffset now)
    {
        _inFlight++;
        _lastGrant = now.UtcTicks;
    }

    public void Complete(DateTimeOffset now)
    {
        _inFlight = Math.Max(0, _inFlight - 1);
        Add(now.UtcTicks, 1);
    }

    /// <summary>
    /// Takes the vendor's word: when it reports fewer calls left than this window thinks, the difference is counted
    /// as calls made now (by other clients of the same account). Returns how many were added.
    /// </summary>
    public long Observe(QuotaObservation observation, DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (observation.Limit is > 0 and var vendorLimit)
        {
            Limit = Math.Min(Spec.Limit, vendorLimit);
        }

        if (Spec.Fixed && observation.ResetsAt is { } resetsAt && resetsAt.UtcTicks > ticks)
        {
            Expire(ticks);
            _fixedWindowEnd = resetsAt.UtcTicks;
        }

        Expire(ticks);
        var vendorUsed = Limit - Math.Max(0, observation.Remaining);
        // Our in-flight calls may not have reached the vendor yet, so only completed ones can explain its count.
        var unexplained = vendorUsed - _completed;
        if (unexplained > 0)
        {
            Add(ticks, unexplained);
        }

        return Math.Max(0, unexplained);
    }

    /// <summary>When little is left, spread the rest over the time left (fixed) or at the window's steady rate (rolling).</summary>
    private TimeSpan Pacing(long now, long remaining, double slowDownBelow)
    {
        if (remaining >= Limit * slowDownBelow || _lastGrant == long.MinValue)
        {
            return TimeSpan.Zero;
        }

        var spacing = Spec.Fixed
            ? (_fixedWindowEnd - now) / remaining
            : Spec.Period.Ticks / Math.Max(1, Limit);
        var next = _lastGrant + spacing;
        return next > now ? TimeSpan.FromTicks(next - now) : TimeSpan.Zero;
    }

    private void Add(long now, long count)
    {
        if (Spec.Fixed)
        {
            Expire(now);
            _completed += count;
            return;
        }

        var start = now - (now % _bucketTicks);
        if (_buckets.Last is { } last && last.Value.Start >= start)
        {
            last.Value.Count += count;
        }
        else
        {
            _buckets.AddLast(new Bucket { Start = start, Count = count });
        }

        _completed += count;
    }

    private void Expire(long now)
    {
        if (Spec.Fixed)
        {
            if (now >= _fixedWindowEnd)
            {
                _completed = 0;
                _fixedWindowEnd = now - (now % Spec.Period.Ticks) + Spec.Period.Ticks;
            }

            return;
        }

        while (_buckets.First is { } oldest && Expiry(oldest.Value) <= now)
        {
            _buckets.RemoveFirst();
            _completed -= oldest.Value.Count;
        }
    }

    private long Expiry(Bucket bucket) => bucket.Start + _bucketTicks + Spec.Period.Ticks;

    private sealed class Bucket
    {
        public long Start { get; init; }

        public long Count { get; set; }
    }
}
