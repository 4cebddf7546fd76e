namespace GtmGuard.LoadTests.Models;

/// <summary>How records arrive: an open model schedules arrivals by time, a closed model keeps a number of records in flight.</summary>
public abstract record LoadModel
{
    /// <summary>Stop after this long (with <see cref="Records"/> unset) …</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>… or after this many records, whichever is set (both: whichever comes first).</summary>
    public long? Records { get; init; }

    /// <summary>Records arriving in this first stretch run but are left out of the results.</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>A one-line description for reports, e.g. <c>open, constant 1000/s for 60 s</c>.</summary>
    public abstract string Describe();

    /// <summary>True when the run should stop issuing records: <paramref name="issued"/> reached the count or the time is up.</summary>
    public bool IsDone(long issued, TimeSpan elapsed) =>
        (Records is { } max && issued >= max) || (Duration is { } limit && elapsed >= limit + WarmUp);

    protected string Bound() =>
        (Records, Duration) switch
        {
            ({ } r, { } d) => $"{r:N0} records or {d.TotalSeconds:0.#} s",
            ({ } r, null) => $"{r:N0} records",
            (null, { } d) => $"{d.TotalSeconds:0.#} s",
            _ => "unbounded",
        } + (WarmUp > TimeSpan.Zero ? $", {WarmUp.TotalSeconds:0.#} s warm-up" : string.Empty);
}

/// <summary>Open model: records arrive at <see cref="Rate"/> per second whatever the system does.</summary>
public sealed record ConstantArrivalRate(double Rate) : LoadModel
{
    public override string Describe() => $"open, constant {Rate:0.#}/s, {Bound()}";
}

/// <summary>Open model: the arrival rate moves linearly from each stage's start rate to its target over the stage.</summary>
public sealed record RampingArrivalRate(double StartRate, IReadOnlyList<RampStage> Stages) : LoadModel
{
    public override string Describe() =>
        $"open, ramping {StartRate:0.#}/s → " + string.Join(" → ", Stages.Select(s => $"{s.TargetRate:0.#}/s over {s.Duration.TotalSeconds:0.#} s")) + $", {Bound()}";
}

/// <summary>One stage of a ramp: reach <see cref="TargetRate"/> records/s by the end of <see cref="Duration"/>.</summary>
public sealed record RampStage(TimeSpan Duration, double TargetRate);

/// <summary>Closed model: <see cref="Concurrency"/> workers, each starting its next record when the last one finished.</summary>
public sealed record ConstantConcurrency(int Concurrency) : LoadModel
{
    public override string Describe() => $"closed, {Concurrency} concurrent, {Bound()}";
}
