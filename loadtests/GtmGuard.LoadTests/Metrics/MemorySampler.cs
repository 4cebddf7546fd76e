using System.Diagnostics;

namespace GtmGuard.LoadTests.Metrics;

/// <summary>
/// Samples this process's working set and managed heap on a timer and keeps the peaks; also, apart, the working set of
/// another process when one is named (the simulators' own, when they do not run in this one).
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private readonly Func<Process?> _other;
    private long _peakWorkingSet;
    private long _peakManaged;
    private long _peakOther;

    public MemorySampler(TimeProvider clock, TimeSpan interval, Func<Process?>? other = null)
    {
        _other = other ?? (() => null);
        _timer = new PeriodicTimer(interval, clock);
        Sample();
        _loop = LoopAsync();
    }

    public double PeakWorkingSetMb => Interlocked.Read(ref _peakWorkingSet) / 1048576.0;

    public double PeakManagedHeapMb => Interlocked.Read(ref _peakManaged) / 1048576.0;

    /// <summary>Peak working set of the other process (0 when there is none).</summary>
    public double PeakOtherWorkingSetMb => Interlocked.Read(ref _peakOther) / 1048576.0;

    public void Sample()
    {
        using (var process = Process.GetCurrentProcess())
        {
            Max(ref _peakWorkingSet, process.WorkingSet64);
        }

        Max(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        if (_other() is { } other)
        {
            try
            {
                other.Refresh();
                if (!other.HasExited)
                {
                    Max(ref _peakOther, other.WorkingSet64);
                }
            }
            catch (InvalidOperationException)
            {
                // The process ended between the check and the read.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        Sample();
    }

    private static void Max(ref long peak, long value)
    {
        var current = Interlocked.Read(ref peak);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref peak, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            Sample();
        }
    }
}
