using HdrHistogram;

namespace GtmGuard.LoadTests.Metrics;

/// <summary>A thread-safe HdrHistogram of latencies in microseconds (1 µs to 1 hour, 3 significant digits).</summary>
public sealed class LatencyHistogram
{
    private static readonly long Highest = TimeSpan.FromHours(1).Ticks / TimeSpan.TicksPerMicrosecond;

    private readonly Lock _gate = new();
    private readonly LongHistogram _histogram = new(Highest, 3);

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 1, Highest);
        lock (_gate)
        {
            _histogram.RecordValue(micros);
        }
    }

    /// <summary>p50, p95, p99 and max in milliseconds; zeros when nothing was recorded.</summary>
    public LatencySummary Summary()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0)
            {
                return new LatencySummary(0, 0, 0, 0, 0);
            }

            return new LatencySummary(
                _histogram.TotalCount,
                Millis(_histogram.GetValueAtPercentile(50)),
                Millis(_histogram.GetValueAtPercentile(95)),
                Millis(_histogram.GetValueAtPercentile(99)),
                Millis(_histogram.GetMaxValue()));
        }
    }

    /// <summary>The latency at each percentile in <paramref name="percentiles"/>, in milliseconds (for the report's chart).</summary>
    public IReadOnlyList<(double Percentile, double Millis)> Curve(IEnumerable<double> percentiles)
    {
        lock (_gate)
        {
            return _histogram.TotalCount == 0
                ? []
                : percentiles.Select(p => (p, Millis(_histogram.GetValueAtPercentile(p)))).ToList();
        }
    }

    private static double Millis(long micros) => Math.Round(micros / 1000.0, 3);
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
