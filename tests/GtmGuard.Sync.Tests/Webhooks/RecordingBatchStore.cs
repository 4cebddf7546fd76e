using System.Collections.Concurrent;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>
/// Wraps the real store's batch append and records every commit with a tick of a shared counter, so a test can tick the
/// same counter when a delivery is acknowledged and prove the acknowledgement followed the commit holding its events.
/// A gate can hold the next transaction back, so deliveries arriving meanwhile queue up behind it.
/// </summary>
internal sealed class RecordingBatchStore(IInboxBatchStore inner) : IInboxBatchStore
{
    private readonly ConcurrentQueue<Commit> _commits = new();
    private long _ticks;
    private TaskCompletionSource? _gate;
    private TaskCompletionSource? _held;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Commits in order, each with the event ids it held and the tick just after it returned.</summary>
    public IReadOnlyList<Commit> Commits => [.. _commits];

    /// <summary>Calls that reached this store, including failed ones.</summary>
    public int Calls { get; private set; }

    /// <summary>Completes when a call enters the store (reset by <see cref="HoldNext"/>).</summary>
    public Task Entered => _entered.Task;

    /// <summary>The next transaction waits until <see cref="Release"/>.</summary>
    public void HoldNext()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = _held;
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => _held?.TrySetResult();

    public long Tick() => Interlocked.Increment(ref _ticks);

    /// <summary>The tick of the commit that stored <paramref name="eventId"/> first, or null if none did.</summary>
    public long? CommittedAt(string eventId) => _commits.FirstOrDefault(c => c.EventIds.Contains(eventId))?.Tick;

    /// <summary>The tick of the first commit holding an event of <paramref name="recordKey"/>, or null if none did.</summary>
    public long? RecordCommittedAt(string recordKey) => _commits.FirstOrDefault(c => c.RecordKeys.Contains(recordKey))?.Tick;

    public async Task<IReadOnlyList<InboxAppendResult>> AppendInboxBatchAsync(IReadOnlyList<IReadOnlyList<IncomingEvent>> deliveries, CancellationToken cancellationToken)
    {
        Calls++;
        _entered.TrySetResult();
        if (_gate is { } gate)
        {
            _gate = null;
            await gate.Task;
        }

        var results = await inner.AppendInboxBatchAsync(deliveries, cancellationToken);
        _commits.Enqueue(new Commit([.. deliveries.SelectMany(d => d.Select(e => e.EventId))], [.. deliveries.SelectMany(d => d.Select(e => e.RecordKey))], deliveries.Count, Tick()));
        return results;
    }

    internal sealed record Commit(IReadOnlyList<string> EventIds, IReadOnlyList<string> RecordKeys, int Deliveries, long Tick);
}
