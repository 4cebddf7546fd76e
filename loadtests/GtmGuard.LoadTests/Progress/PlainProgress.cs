using System.Globalization;

namespace GtmGuard.LoadTests.Progress;

/// <summary>Plain periodic lines for CI logs and dumb terminals.</summary>
public sealed class PlainProgress : IProgressSink
{
    private readonly TextWriter _out;
    private readonly TimeSpan _interval;

    public PlainProgress(TextWriter output, TimeSpan interval)
    {
        _out = output;
        _interval = interval;
    }

    public async Task RunAsync(string scenario, Func<ProgressSnapshot> snapshot, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var running = work();
        while (await Task.WhenAny(running, Task.Delay(_interval)).ConfigureAwait(false) != running)
        {
            await _out.WriteLineAsync(Line(scenario, snapshot())).ConfigureAwait(false);
        }

        await running.ConfigureAwait(false);
        await _out.WriteLineAsync(Line(scenario, snapshot())).ConfigureAwait(false);
    }

    public static string Line(string scenario, ProgressSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{scenario}] {s.Phase,-9} t={s.Elapsed.TotalSeconds,6:0.0}s submitted={s.Submitted} done={s.Completed} records/s={s.RecordsPerSecond:0.0} errors={s.Errors} 429s={s.RateLimited} p95={s.P95Ms:0.0}ms");
}
