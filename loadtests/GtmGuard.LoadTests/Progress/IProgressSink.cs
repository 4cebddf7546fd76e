namespace GtmGuard.LoadTests.Progress;

/// <summary>Where live progress goes: a Spectre live table on a terminal, plain periodic lines otherwise.</summary>
public interface IProgressSink
{
    /// <summary>Runs <paramref name="work"/> while showing <paramref name="snapshot"/> about once a second.</summary>
    Task RunAsync(string scenario, Func<ProgressSnapshot> snapshot, Func<Task> work);
}

/// <summary>One progress reading.</summary>
public sealed record ProgressSnapshot(string Phase, TimeSpan Elapsed, long Submitted, long Completed, double RecordsPerSecond, long Errors, long RateLimited, double P95Ms);
