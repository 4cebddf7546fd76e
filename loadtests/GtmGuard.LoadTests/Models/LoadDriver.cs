namespace GtmGuard.LoadTests.Models;

/// <summary>
/// Issues records by a <see cref="LoadModel"/> on an injected clock. Open models start each record when it is due and do
/// not wait for it (up to <see cref="MaxInFlight"/>; arrivals beyond that are dropped and counted, as k6 does); closed
/// models keep exactly their concurrency busy.
/// </summary>
public sealed class LoadDriver
{
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _clock;
    private long _inFlight;
    private long _issued;
    private long _dropped;
    private long _failed;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoadDriver(TimeProvider clock, int maxInFlight = 20_000)
    {
        _clock = clock;
        MaxInFlight = maxInFlight;
    }

    /// <summary>Open-model records allowed in flight at once.</summary>
    public int MaxInFlight { get; }

    /// <summary>Records started so far.</summary>
    public long Issued => Interlocked.Read(ref _issued);

    /// <summary>Open-model arrivals not started because <see cref="MaxInFlight"/> records were still running.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records whose operation threw.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Runs the model until it is done (or cancelled), then waits for records still in flight.</summary>
    public async Task RunAsync(LoadModel model, Func<long, CancellationToken, ValueTask> execute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(execute);
        await Task.Yield();
        if (model is ConstantConcurrency closed)
        {
            await RunClosedAsync(closed, execute, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RunOpenAsync(model, execute, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunOpenAsync(LoadModel model, Func<long, CancellationToken, ValueTask> execute, CancellationToken cancellationToken)
    {
        var start = _clock.GetTimestamp();
        long next = 0;
        Interlocked.Increment(ref _inFlight);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var elapsed = _clock.GetElapsedTime(start);
                if (model.IsDone(next, elapsed))
                {
                    break;
                }

                if (ArrivalSchedule.DueAt(model, next) is not { } due)
                {
                    // A rate of zero: wait a little for a ramp to pick up, or for the time to run out.
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _clock, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (due > elapsed)
                {
                    // Sub-millisecond delays complete synchronously (a busy spin that would starve the machine); sleep at
                    // least a millisecond and start everything that fell due meanwhile.
                    await Task.Delay(Max(due - elapsed, MinimumSleep), _clock, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // Everything due by now starts at once, so timer resolution never lowers the rate.
                var index = next++;
                // One count is the loop's own, so records in flight are one less.
                if (Interlocked.Read(ref _inFlight) - 1 >= MaxInFlight)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }

                Interlocked.Increment(ref _inFlight);
                Interlocked.Increment(ref _issued);
                _ = RunOneAsync(execute, index, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Release();
        }

        await _idle.Task.ConfigureAwait(false);
    }

    private async Task RunClosedAsync(ConstantConcurrency model, Func<long, CancellationToken, ValueTask> execute, CancellationToken cancellationToken)
    {
        var start = _clock.GetTimestamp();
        long next = -1;
        var workers = Enumerable.Range(0, model.Concurrency).Select(async _ =>
        {
            await Task.Yield();
            while (!cancellationToken.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (model.IsDone(index, _clock.GetElapsedTime(start)))
                {
                    return;
                }

                Interlocked.Increment(ref _issued);
                await InvokeAsync(execute, index, cancellationToken).ConfigureAwait(false);
            }
        }).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task RunOneAsync(Func<long, CancellationToken, ValueTask> execute, long index, CancellationToken cancellationToken)
    {
        try
        {
            await InvokeAsync(execute, index, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    private async Task InvokeAsync(Func<long, CancellationToken, ValueTask> execute, long index, CancellationToken cancellationToken)
    {
        try
        {
            await execute(index, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failing record is a measured outcome of the run, not a reason to stop it.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failed);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            _idle.TrySetResult();
        }
    }
}
