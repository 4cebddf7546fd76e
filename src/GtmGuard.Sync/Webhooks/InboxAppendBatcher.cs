using System.Threading.Channels;
using GtmGuard.Sync.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// Group commit for the inbox: concurrent deliveries queue here and one writer takes everything waiting (up to
/// <see cref="WebhookIntakeOptions.MaxAppendBatch"/>) into ONE transaction, then completes each delivery with its own
/// result. A delivery's task finishes only after the commit that holds its events, so an acknowledgement never precedes
/// durability; one fsync serves the whole batch (and any other commit waiting for one). While a batch waits for its
/// fsync the next one may commit (<see cref="WebhookIntakeOptions.CommitsInFlight"/>). A failed commit fails only that
/// batch's deliveries; a full queue or a stopping host refuses new ones with <see cref="InboxBusyException"/> instead of
/// growing without bound.
/// </summary>
public sealed partial class InboxAppendBatcher : IHostedService, IAsyncDisposable
{
    private readonly IInboxBatchStore _store;
    private readonly int _maxBatch;
    private readonly int _commitsInFlight;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue;
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _writer;
    private int _disposed;
    private volatile bool _stopping;

    public InboxAppendBatcher(IInboxBatchStore store, IOptions<WebhookIntakeOptions> options, ILogger<InboxAppendBatcher> logger)
    {
        _store = store;
        _maxBatch = options.Value.MaxAppendBatch;
        _commitsInFlight = options.Value.CommitsInFlight;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.Value.AppendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Queues one delivery's events and completes once they are committed, with how many were new and how many repeats.
    /// Throws <see cref="InboxBusyException"/> at once when the queue is full or the batcher is stopping, and the store's
    /// error when the commit holding the delivery failed (nothing of that batch is known stored then; see
    /// <see cref="IInboxBatchStore"/>).
    /// </summary>
    public Task<InboxAppendResult> AppendAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var pending = new PendingAppend(events, new TaskCompletionSource<InboxAppendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InboxBusyException(_stopping ? "The inbox is shutting down." : "The inbox queue is full.");
        }

        // A caller that gives up stops waiting; its events may still be committed, and the vendor's retry is then a duplicate.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Deliveries waiting for a commit (not counting the batch being committed).</summary>
    public int Queued => _queue.Reader.Count;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Refuses new deliveries and commits those already queued; when <paramref name="cancellationToken"/> fires first, fails the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await _writer.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _abort.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        // With more than one batch in flight, the next batch commits while one waits for its fsync (taken outside the
        // store's write gate), and the deliveries arriving meanwhile gather into the batch after it.
        using var inFlight = new SemaphoreSlim(_commitsInFlight, _commitsInFlight);
        var commits = new List<Task>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await inFlight.WaitAsync().ConfigureAwait(false);
            if (_abort.IsCancellationRequested)
            {
                inFlight.Release();
                FailQueued(reader);
                break;
            }

            var batch = new List<PendingAppend>(_maxBatch);
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            commits.RemoveAll(c => c.IsCompleted);
            commits.Add(CommitThenReleaseAsync(batch, inFlight));
        }

        await Task.WhenAll(commits).ConfigureAwait(false);
    }

    private async Task CommitThenReleaseAsync(List<PendingAppend> batch, SemaphoreSlim inFlight)
    {
        try
        {
            await CommitAsync(batch).ConfigureAwait(false);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        IReadOnlyList<InboxAppendResult> results;
        try
        {
            // Not cancellable: a commit under way finishes, so a delivery is either stored and acknowledged or neither.
            results = await _store.AppendInboxBatchAsync(batch.ConvertAll(p => p.Events), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogBatchFailed(_logger, batch.Count, ex);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }
    }

    private static void FailQueued(ChannelReader<PendingAppend> reader)
    {
        while (reader.TryRead(out var pending))
        {
            pending.Completion.TrySetException(new InboxBusyException("The inbox stopped before this delivery was stored."));
        }
    }

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Inbox commit of {Deliveries} deliveries failed; each is answered 503")]
    private static partial void LogBatchFailed(ILogger logger, int deliveries, Exception exception);

    private sealed record PendingAppend(IReadOnlyList<IncomingEvent> Events, TaskCompletionSource<InboxAppendResult> Completion);
}
