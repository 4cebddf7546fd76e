using System.Threading.Channels;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// Collects issued records and hands them on in batches (a batch when it is full or every <c>linger</c>), the way a real
/// producer feeds a batch API; several batches may be in flight at once.
/// </summary>
internal sealed class LeadBatcher : IAsyncDisposable
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<long>, CancellationToken, Task> _send;
    private readonly int _batchSize;
    private readonly TimeSpan _linger;
    private readonly SemaphoreSlim _inFlight;
    private readonly int _parallelism;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();
    private long _pending;

    public LeadBatcher(int batchSize, TimeSpan linger, int parallelism, Func<IReadOnlyList<long>, CancellationToken, Task> send)
    {
        _batchSize = batchSize;
        _linger = linger;
        _parallelism = parallelism;
        _inFlight = new SemaphoreSlim(parallelism);
        _send = send;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Records queued or being sent.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public void Add(long sequence)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite(sequence);
    }

    /// <summary>No more records: sends what is queued and waits for every batch.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        for (var i = 0; i < _parallelism; i++)
        {
            await _inFlight.WaitAsync().ConfigureAwait(false);
        }

        _inFlight.Release(_parallelism);
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<long>(_batchSize);
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            using var linger = new CancellationTokenSource(_linger);
            try
            {
                while (batch.Count < _batchSize)
                {
                    if (reader.TryRead(out var item))
                    {
                        batch.Add(item);
                        continue;
                    }

                    if (!await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (linger.IsCancellationRequested)
            {
            }

            if (batch.Count > 0)
            {
                await _inFlight.WaitAsync(_stop.Token).ConfigureAwait(false);
                var sending = batch.ToArray();
                batch.Clear();
                _ = SendAsync(sending);
            }
        }
    }

    private async Task SendAsync(long[] batch)
    {
        try
        {
            await _send(batch, _stop.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed batch is the scenario's to count; the batcher keeps going.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            Interlocked.Add(ref _pending, -batch.Length);
            _inFlight.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _inFlight.Dispose();
    }
}
