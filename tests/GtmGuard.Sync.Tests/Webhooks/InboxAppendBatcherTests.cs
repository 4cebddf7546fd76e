using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Tests.Storage;
using GtmGuard.Sync.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>Group commit against the real SQLite store: few transactions, every acknowledgement after its own commit.</summary>
public sealed class InboxAppendBatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly TempStore _temp = TempStore.Create();
    private RecordingBatchStore _store = null!;
    private InboxAppendBatcher _batcher = null!;

    public Task InitializeAsync()
    {
        _store = new RecordingBatchStore(_temp.Store);
        _batcher = Batcher(maxBatch: 512, capacity: 1024);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _store.Release();
        await _batcher.DisposeAsync();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task ConcurrentDeliveries_ShareFewTransactions_AndEachIsAcknowledgedAfterTheCommitHoldingIt()
    {
        _store.HoldNext();
        var first = Acknowledged("e0");
        await _store.Entered;
        var rest = Enumerable.Range(1, 49).Select(i => Acknowledged($"e{i}")).ToList();
        await Task.Delay(100);
        Assert.All(rest, d => Assert.False(d.IsCompleted));
        Assert.False(first.IsCompleted);

        _store.Release();
        var acks = await Task.WhenAll([first, .. rest]);

        Assert.Equal([1, 49], _store.Commits.Select(c => c.Deliveries));
        Assert.All(acks, a => Assert.Equal(new InboxAppendResult(1, 0), a.Result));
        Assert.All(acks, a => Assert.True(a.Tick > _store.CommittedAt(a.EventId), $"{a.EventId} acknowledged at tick {a.Tick} before its commit at {_store.CommittedAt(a.EventId)}"));
        Assert.Equal(50, (await _temp.Open().ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Pending, Limit: 100), default)).Count);
    }

    [Fact]
    public async Task WithTwoCommitsInFlight_TheNextBatchCommitsWhileTheFirstIsHeld_AndEachWaitsForItsOwnCommit()
    {
        await using var batcher = Batcher(maxBatch: 512, capacity: 1024, commitsInFlight: 2);
        _store.HoldNext();
        var held = batcher.AppendAsync([Event("h0")], default);
        await _store.Entered;
        var next = batcher.AppendAsync([Event("h1")], default);

        Assert.Equal(new InboxAppendResult(1, 0), await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(held.IsCompleted);
        Assert.Equal(["h1"], _store.Commits.SelectMany(c => c.EventIds));

        _store.Release();
        Assert.Equal(new InboxAppendResult(1, 0), await held);
        Assert.Equal(2, _store.Calls);
    }

    [Fact]
    public async Task ABatchLargerThanTheCap_IsSplitIntoSeveralTransactions()
    {
        await using var batcher = Batcher(maxBatch: 10, capacity: 100);
        _store.HoldNext();
        var first = batcher.AppendAsync([Event("c0")], default);
        await _store.Entered;
        var rest = Enumerable.Range(1, 25).Select(i => batcher.AppendAsync([Event($"c{i}")], default)).ToList();

        _store.Release();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([1, 10, 10, 5], _store.Commits.Select(c => c.Deliveries));
    }

    [Fact]
    public async Task Duplicates_WithinOneBatch_WithinOneDelivery_AndAcrossBatches_AreRecognised()
    {
        _store.HoldNext();
        var first = _batcher.AppendAsync([Event("e1")], default);
        await _store.Entered;
        var newInBatch = _batcher.AppendAsync([Event("e2")], default);
        var copyInBatch = _batcher.AppendAsync([Event("e2")], default);
        var copyOfEarlierBatch = _batcher.AppendAsync([Event("e1")], default);
        var copyInDelivery = _batcher.AppendAsync([Event("e3"), Event("e3")], default);

        _store.Release();
        var results = await Task.WhenAll(first, newInBatch, copyInBatch, copyOfEarlierBatch, copyInDelivery);
        var stored = await _temp.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 100), default);

        Assert.Equal(2, _store.Commits.Count);
        Assert.Equal([new(1, 0), new(1, 0), new(0, 1), new(0, 1), new(1, 1)], results);
        Assert.Equal(
            [("e1", InboxEventState.Pending), ("e2", InboxEventState.Pending), ("e2", InboxEventState.Duplicate), ("e1", InboxEventState.Duplicate), ("e3", InboxEventState.Pending), ("e3", InboxEventState.Duplicate)],
            stored.Select(e => (e.EventId, e.State)));
    }

    [Fact]
    public async Task AFailingCommit_FailsOnlyItsOwnBatch_AndStoresNoneOfIt()
    {
        _store.HoldNext();
        var before = _batcher.AppendAsync([Event("ok-1")], default);
        await _store.Entered;
        // The second batch: a valid delivery and one SQLite refuses (NOT NULL payload), so that transaction rolls back.
        var sameBatchValid = _batcher.AppendAsync([Event("lost-with-batch")], default);
        var refused = _batcher.AppendAsync([Event("bad") with { Payload = null! }], default);

        _store.Release();
        await before;
        await Assert.ThrowsAsync<SqliteException>(() => sameBatchValid);
        await Assert.ThrowsAsync<SqliteException>(() => refused);
        var after = await _batcher.AppendAsync([Event("ok-2")], default);
        var stored = await _temp.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 100), default);

        Assert.Equal(new InboxAppendResult(1, 0), after);
        Assert.Equal(["ok-1", "ok-2"], stored.Select(e => e.EventId));
        Assert.Equal(3, _store.Calls);
    }

    [Fact]
    public async Task AFullQueue_RefusesAtOnce_WithoutLosingWhatIsQueued()
    {
        await using var batcher = Batcher(maxBatch: 512, capacity: 2);
        _store.HoldNext();
        var inFlight = batcher.AppendAsync([Event("q0")], default);
        await _store.Entered;
        var queued = new[] { batcher.AppendAsync([Event("q1")], default), batcher.AppendAsync([Event("q2")], default) };

        var refused = Assert.Throws<InboxBusyException>(() => { _ = batcher.AppendAsync([Event("q3")], default); });
        _store.Release();
        await Task.WhenAll([inFlight, .. queued]);
        var stored = await _temp.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 100), default);

        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["q0", "q1", "q2"], stored.Select(e => e.EventId));
    }

    [Fact]
    public async Task Stopping_CommitsWhatIsQueued_AndRefusesNewDeliveries()
    {
        _store.HoldNext();
        var inFlight = _batcher.AppendAsync([Event("s0")], default);
        await _store.Entered;
        var queued = _batcher.AppendAsync([Event("s1")], default);

        var stopping = _batcher.StopAsync(default);
        var refused = Assert.Throws<InboxBusyException>(() => { _ = _batcher.AppendAsync([Event("s2")], default); });
        _store.Release();
        await stopping;

        Assert.Equal(new InboxAppendResult(1, 0), await inFlight);
        Assert.Equal(new InboxAppendResult(1, 0), await queued);
        Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingOutOfTime_FinishesTheCommitUnderWay_AndFailsTheQueuedDeliveries()
    {
        _store.HoldNext();
        var inFlight = _batcher.AppendAsync([Event("t0")], default);
        await _store.Entered;
        var queued = _batcher.AppendAsync([Event("t1")], default);

        var stopping = _batcher.StopAsync(new CancellationToken(canceled: true));
        _store.Release();
        await stopping;
        var stored = await _temp.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 100), default);

        Assert.Equal(new InboxAppendResult(1, 0), await inFlight);
        await Assert.ThrowsAsync<InboxBusyException>(() => queued);
        Assert.Equal(["t0"], stored.Select(e => e.EventId));
    }

    [Fact]
    public async Task ACallerThatGivesUp_StopsWaiting_ButItsQueuedDeliveryIsStillCommitted()
    {
        _store.HoldNext();
        var inFlight = _batcher.AppendAsync([Event("g0")], default);
        await _store.Entered;
        using var abandon = new CancellationTokenSource();
        var abandoned = _batcher.AppendAsync([Event("g1")], abandon.Token);

        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        _store.Release();
        await inFlight;
        await _batcher.StopAsync(default);
        var stored = await _temp.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 100), default);

        Assert.Equal(["g0", "g1"], stored.Select(e => e.EventId));
    }

    /// <summary>One commit in flight by default, so a held commit keeps every later delivery queued.</summary>
    private InboxAppendBatcher Batcher(int maxBatch, int capacity, int commitsInFlight = 1) =>
        new(_store, Options.Create(new WebhookIntakeOptions { MaxAppendBatch = maxBatch, AppendQueueCapacity = capacity, CommitsInFlight = commitsInFlight }), NullLogger<InboxAppendBatcher>.Instance);

    /// <summary>Appends one event and ticks the store's counter the moment its acknowledgement completes.</summary>
    private async Task<(string EventId, InboxAppendResult Result, long Tick)> Acknowledged(string eventId)
    {
        var result = await _batcher.AppendAsync([Event(eventId)], default);
        return (eventId, result, _store.Tick());
    }

    private static IncomingEvent Event(string eventId) => TempStore.Event(eventId, $"record-{eventId}", At);
}
