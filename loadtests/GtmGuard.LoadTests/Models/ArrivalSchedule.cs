namespace GtmGuard.LoadTests.Models;

/// <summary>
/// When the n-th record of an open model is due, as an offset from the start: the inverse of the cumulative arrival
/// count. Pure arithmetic, so the schedule is exact and testable without a clock.
/// </summary>
public static class ArrivalSchedule
{
    /// <summary>Offset at which record <paramref name="index"/> (0-based) is due; null if the model's rate never gets there.</summary>
    public static TimeSpan? DueAt(LoadModel model, long index) => model switch
    {
        ConstantArrivalRate constant => constant.Rate > 0 ? TimeSpan.FromSeconds(index / constant.Rate) : null,
        RampingArrivalRate ramp => RampDueAt(ramp, index),
        _ => throw new ArgumentException($"{model.GetType().Name} is not an open model.", nameof(model)),
    };

    /// <summary>Records due by <paramref name="elapsed"/>: the cumulative arrival count (area under the rate curve).</summary>
    public static double ArrivalsBy(LoadModel model, TimeSpan elapsed) => model switch
    {
        ConstantArrivalRate constant => constant.Rate * elapsed.TotalSeconds,
        RampingArrivalRate ramp => RampArrivals(ramp, elapsed.TotalSeconds),
        _ => throw new ArgumentException($"{model.GetType().Name} is not an open model.", nameof(model)),
    };

    private static double RampArrivals(RampingArrivalRate ramp, double seconds)
    {
        var total = 0.0;
        var rate = ramp.StartRate;
        foreach (var stage in ramp.Stages)
        {
            var length = stage.Duration.TotalSeconds;
            if (seconds <= length)
            {
                var slope = length > 0 ? (stage.TargetRate - rate) / length : 0;
                return total + (rate * seconds) + (slope * seconds * seconds / 2);
            }

            total += (rate + stage.TargetRate) / 2 * length;
            seconds -= length;
            rate = stage.TargetRate;
        }

        // After the last stage the rate holds at its target.
        return total + (rate * seconds);
    }

    private static TimeSpan? RampDueAt(RampingArrivalRate ramp, long index)
    {
        double target = index;
        var offset = 0.0;
        var rate = ramp.StartRate;
        foreach (var stage in ramp.Stages)
        {
            var length = stage.Duration.TotalSeconds;
            var area = (rate + stage.TargetRate) / 2 * length;
            if (target < area || (target == area && area > 0))
            {
                return TimeSpan.FromSeconds(offset + SolveWithinStage(rate, stage.TargetRate, length, target));
            }

            target -= area;
            offset += length;
            rate = stage.TargetRate;
        }

        return rate > 0 ? TimeSpan.FromSeconds(offset + (target / rate)) : null;
    }

    /// <summary>Smallest t in [0, length] with r0·t + slope·t²/2 = area.</summary>
    private static double SolveWithinStage(double r0, double r1, double length, double area)
    {
        var slope = length > 0 ? (r1 - r0) / length : 0;
        if (Math.Abs(slope) < 1e-12)
        {
            return r0 > 0 ? area / r0 : 0;
        }

        var root = Math.Sqrt(Math.Max(0, (r0 * r0) + (2 * slope * area)));
        return (-r0 + root) / slope;
    }
}
