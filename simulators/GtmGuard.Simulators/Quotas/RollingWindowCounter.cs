namespace GtmGuard.Simulators.Quotas;

/// <summary>
/// Counts events in a rolling window split into fixed buckets, so a 24-hour window costs a few
/// thousand integers rather than one entry per request.
/// </summary>
public sealed class RollingWindowCounter
{
    private readonly long _bucketTicks;
    private readonly long[] _counts;
    private readonly long[] _bucketIndex;
    private readonly Lock _gate = new();

    public RollingWindowCounter(TimeSpan window, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        Window = window;
        _bucketTicks = Math.Max(1, window.Ticks / buckets);
        _counts = new long[buckets];
        _bucketIndex = new long[buckets];
        Array.Fill(_bucketIndex, long.MinValue);
    }

    public TimeSpan Window { get; }

    /// <summary>Adds one event if the window holds fewer than <paramref name="limit"/>; returns the count after the attempt.</summary>
    public (bool Acquired, long Used) TryAcquire(DateTimeOffset now, long limit)
    {
        lock (_gate)
        {
            var used = SumLocked(now);
            if (used >= limit)
            {
                return (false, used);
            }

            var index = now.UtcTicks / _bucketTicks;
            var slot = (int)(index % _counts.Length);
            if (_bucketIndex[slot] != index)
            {
                _bucketIndex[slot] = index;
                _counts[slot] = 0;
            }

            _counts[slot]++;
            return (true, used + 1);
        }
    }

    public long Used(DateTimeOffset now)
    {
        lock (_gate)
        {
            return SumLocked(now);
        }
    }

    /// <summary>When the oldest event still in the window leaves it; <paramref name="now"/> when the window is empty.</summary>
    public DateTimeOffset OldestExpiry(DateTimeOffset now)
    {
        lock (_gate)
        {
            var current = now.UtcTicks / _bucketTicks;
            for (var index = current - _counts.Length + 1; index <= current; index++)
            {
                var slot = (int)(((index % _counts.Length) + _counts.Length) % _counts.Length);
                if (_bucketIndex[slot] == index && _counts[slot] > 0)
                {
                    return new DateTimeOffset((index + _counts.Length) * _bucketTicks, TimeSpan.Zero);
                }
            }

            return now;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            Array.Clear(_counts);
            Array.Fill(_bucketIndex, long.MinValue);
        }
    }

    private long SumLocked(DateTimeOffset now)
    {
        var oldest = (now.UtcTicks / _bucketTicks) - _counts.Length + 1;
        long sum = 0;
        for (var slot = 0; slot < _counts.Length; slot++)
        {
            if (_bucketIndex[slot] >= oldest)
            {
                sum += _counts[slot];
            }
        }

        return sum;
    }
}
