using System.Diagnostics;

namespace GtmGuard.LoadTests.Metrics;

/// <summary>Samples the process's working set and managed heap on a timer and keeps the peaks.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemorySampler(TimeProvider clock, TimeSpan interval)
    {
        _timer = new PeriodicTimer(interval, clock);
        Sample();
        _loop = LoopAsync();
    }

    public double PeakWorkingSetMb => Interlocked.Read(ref _peakWorkingSet) / 1048576.0;

    public double PeakManagedHeapMb => Interlocked.Read(ref _peakManaged) / 1048576.0;

    public void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _peakWorkingSet, process.WorkingSet64);
        Max(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
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
