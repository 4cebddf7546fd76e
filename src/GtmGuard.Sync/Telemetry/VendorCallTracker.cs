using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Telemetry;

/// <summary>
/// A rolling record of every vendor attempt in the process (fed by the metrics handler, so sync and probe calls alike),
/// kept for <see cref="Retention"/>: what the health dashboard summarises per window. Bounded per vendor.
/// </summary>
public sealed class VendorCallTracker
{
    /// <summary>Samples kept per vendor at most; the oldest go first beyond it.</summary>
    public const int MaxSamplesPerVendor = 200_000;

    private readonly TimeProvider _clock;
    private readonly Dictionary<VendorId, Queue<Sample>> _samples = Enum.GetValues<VendorId>().ToDictionary(v => v, _ => new Queue<Sample>());

    public VendorCallTracker(TimeProvider clock)
    {
        _clock = clock;
    }

    /// <summary>How long attempts are kept; the longest window a summary can cover.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    public void Record(VendorId vendor, VendorOutcome outcome, TimeSpan duration)
    {
        var now = _clock.GetUtcNow();
        var samples = _samples[vendor];
        lock (samples)
        {
            samples.Enqueue(new Sample(now, outcome, duration));
            Prune(samples, now - Retention);
            while (samples.Count > MaxSamplesPerVendor)
            {
                samples.Dequeue();
            }
        }
    }

    /// <summary>The vendor's attempts in the last <paramref name="window"/> (at most <see cref="Retention"/>).</summary>
    public VendorCallSummary Summarize(VendorId vendor, TimeSpan window)
    {
        var since = _clock.GetUtcNow() - (window < Retention ? window : Retention);
        var samples = _samples[vendor];
        Sample[] recent;
        lock (samples)
        {
            recent = samples.Where(s => s.At > since).ToArray();
        }

        if (recent.Length == 0)
        {
            return new VendorCallSummary(0, 0, TimeSpan.Zero, TimeSpan.Zero, new Dictionary<string, int>());
        }

        var durations = recent.Select(s => s.Duration).Order().ToArray();
        var errors = recent
            .Where(s => s.Outcome != VendorOutcome.Success)
            .GroupBy(s => s.Outcome.Label())
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new VendorCallSummary(
            recent.Length,
            recent.Count(s => s.Outcome == VendorOutcome.Success),
            TimeSpan.FromTicks((long)durations.Average(d => d.Ticks)),
            NearestRank(durations, 0.95),
            errors);
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value at or above <paramref name="fraction"/> of them.</summary>
    internal static TimeSpan NearestRank(TimeSpan[] sorted, double fraction) =>
        sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static void Prune(Queue<Sample> samples, DateTimeOffset before)
    {
        while (samples.TryPeek(out var oldest) && oldest.At <= before)
        {
            samples.Dequeue();
        }
    }

    private readonly record struct Sample(DateTimeOffset At, VendorOutcome Outcome, TimeSpan Duration);
}
