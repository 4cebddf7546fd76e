using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SqliteSyncStoreInboxTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TempStore _temp = TempStore.Create();

    private SqliteSyncStore Store => _temp.Store;

    private static DateTimeOffset T(int seconds) => new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero).AddSeconds(seconds);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Append_StoresEventsPendingInArrivalOrder_WithEveryField()
    {
        var incoming = TempStore.Event("e1", "contact:1", T(5)) with { EventType = "contact.creation", Payload = """{"objectId":1}""" };

        var result = await Store.AppendInboxEventsAsync([incoming, TempStore.Event("e2", "contact:2", T(1))], default);
        var stored = await Store.ListInboxEventsAsync(new InboxEventFilter(), default);

        Assert.Equal(new InboxAppendResult(2, 0), result);
        Assert.Equal(["e1", "e2"], stored.Select(e => e.EventId));
        Assert.True(stored[0].Sequence < stored[1].Sequence);
        var first = stored[0];
        Assert.Equal((VendorId.HubSpot, "contact:1", "contact.creation", T(5), """{"objectId":1}""", InboxEventState.Pending, 0), (first.Vendor, first.RecordKey, first.EventType, first.OccurredAt, first.Payload, first.State, first.Attempts));
        Assert.Equal(_temp.Clock.GetUtcNow(), first.ReceivedAt);
    }

    [Fact]
    public async Task Append_AnEventIdAlreadyInTheInbox_IsStoredAsADuplicate_EvenInTheSameBatch()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1))], default);

        var result = await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1)), TempStore.Event("e2", "contact:1", T(2)), TempStore.Event("e2", "contact:1", T(2))], default);
        var states = (await Store.ListInboxEventsAsync(new InboxEventFilter(), default)).Select(e => (e.EventId, e.State));

        Assert.Equal(new InboxAppendResult(1, 2), result);
        Assert.Equal([("e1", InboxEventState.Pending), ("e1", InboxEventState.Duplicate), ("e2", InboxEventState.Pending), ("e2", InboxEventState.Duplicate)], states);
    }

    [Fact]
    public async Task Dedup_SurvivesARestart_AndPendingEventsAreStillThere()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1)), TempStore.Event("e2", "contact:2", T(1))], default);
        var leases = await Store.ClaimInboxEventsAsync(1, Lease, default);
        await Store.ApplyInboxEventAsync(leases[0], [], default);

        await _temp.ReopenAsync();
        var again = await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1))], default);
        var pending = await Store.ClaimInboxEventsAsync(10, Lease, default);

        Assert.Equal(new InboxAppendResult(0, 1), again);
        Assert.True(await Store.IsEventProcessedAsync(VendorId.HubSpot, "e1", default));
        Assert.Equal(["e2"], pending.Select(l => l.Event.EventId));
    }

    [Fact]
    public async Task Claim_HandsOutOneEventPerRecordAtATime_InArrivalOrder()
    {
        await Store.AppendInboxEventsAsync(
            [TempStore.Event("a1", "contact:A", T(1)), TempStore.Event("b1", "contact:B", T(1)), TempStore.Event("a2", "contact:A", T(2)), TempStore.Event("c1", "contact:C", T(1))],
            default);

        var first = await Store.ClaimInboxEventsAsync(10, Lease, default);
        var whileLeased = await Store.ClaimInboxEventsAsync(10, Lease, default);
        await Store.ApplyInboxEventAsync(first[0], [], default);
        var afterA1 = await Store.ClaimInboxEventsAsync(10, Lease, default);

        Assert.Equal(["a1", "b1", "c1"], first.Select(l => l.Event.EventId));
        Assert.Empty(whileLeased);
        Assert.Equal(["a2"], afterA1.Select(l => l.Event.EventId));
    }

    [Fact]
    public async Task ApplyMany_SettlesEachEventOnItsOwn_InOneCall()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("a1", "contact:A", T(5)), TempStore.Event("b1", "contact:B", T(1)), TempStore.Event("c1", "contact:C", T(1))], default);
        var leases = await Store.ClaimInboxEventsAsync(10, Lease, default);
        await Store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:B", T(9), "newer", default);
        var lost = leases[2] with { LeaseId = Guid.NewGuid() };
        var write = new OutboxWrite("test", VendorId.HubSpot, "upsert", "a1-key", "{}");

        var settlements = await Store.ApplyInboxEventsAsync([new(leases[0], [write]), new(leases[1], []), new(lost, [])], default);
        var states = (await Store.ListInboxEventsAsync(new InboxEventFilter(), default)).Select(e => (e.EventId, e.State));

        Assert.Equal([InboxSettlement.Applied, InboxSettlement.Stale, InboxSettlement.LeaseLost], settlements);
        Assert.Equal([("a1", InboxEventState.Applied), ("b1", InboxEventState.Stale), ("c1", InboxEventState.Pending)], states);
        Assert.Equal("a1-key", Assert.Single(await Store.ListOutboxAsync(null, 10, default)).IdempotencyKey);
    }

    [Fact]
    public async Task ApplyAClaimedBatch_SettlesEveryOutcomeAsEventByEventWould()
    {
        // One claim of five records, so the batch settles set-wise: applied (with a write), stale, already processed,
        // lease taken by someone else, and applied at exactly its record's watermark time.
        await Store.AppendInboxEventsAsync(
            [TempStore.Event("a", "contact:A", T(5)), TempStore.Event("b", "contact:B", T(1)), TempStore.Event("c", "contact:C", T(1)), TempStore.Event("d", "contact:D", T(1)), TempStore.Event("e", "contact:E", T(7))],
            default);
        var leases = await Store.ClaimInboxEventsAsync(10, Lease, default);
        await Store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:B", T(9), "newer", default);
        await Store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:E", T(7), "same-time", default);
        await using (var connection = new SqliteConnection($"Data Source={_temp.Options.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // An applied row with c's id (as a copy left by an older store would be), and d's lease taken over.
            command.CommandText = """
                INSERT INTO inbox (vendor, event_id, record_key, event_type, occurred_at, payload, received_at, state, next_attempt_at)
                VALUES ('hubspot', 'c', 'contact:C', 'contact.propertyChange', 0, '{}', 0, 'applied', 0);
                UPDATE inbox SET lease_id = 'another' WHERE event_id = 'd';
                """;
            await command.ExecuteNonQueryAsync();
        }

        var write = new OutboxWrite("test", VendorId.HubSpot, "upsert", "a-key", "{}");
        var settlements = await Store.ApplyInboxEventsAsync(leases.Select(l => new InboxApplication(l, l.Event.EventId == "a" ? [write] : [])).ToList(), default);
        var states = (await Store.ListInboxEventsAsync(new InboxEventFilter(), default)).Select(e => (e.EventId, e.State));

        Assert.Equal([InboxSettlement.Applied, InboxSettlement.Stale, InboxSettlement.Duplicate, InboxSettlement.LeaseLost, InboxSettlement.Applied], settlements);
        Assert.Equal([("a", InboxEventState.Applied), ("b", InboxEventState.Stale), ("c", InboxEventState.Duplicate), ("d", InboxEventState.Pending), ("e", InboxEventState.Applied), ("c", InboxEventState.Applied)], states);
        Assert.Equal("a-key", Assert.Single(await Store.ListOutboxAsync(null, 10, default)).IdempotencyKey);
        Assert.Equal((T(5), "a"), await WatermarkAsync("contact:A"));
        Assert.Equal((T(9), "newer"), await WatermarkAsync("contact:B"));
        Assert.Equal((T(7), "e"), await WatermarkAsync("contact:E"));
        Assert.Null(await Store.GetWatermarkAsync(VendorId.HubSpot, "contact:D", default));
        foreach (var (id, processed) in new[] { ("a", true), ("b", true), ("c", true), ("d", false), ("e", true) })
        {
            Assert.Equal(processed, await Store.IsEventProcessedAsync(VendorId.HubSpot, id, default));
        }
    }

    private async Task<(DateTimeOffset, string?)> WatermarkAsync(string recordKey) =>
        await Store.GetWatermarkAsync(VendorId.HubSpot, recordKey, default) is { } w ? (w.OccurredAt, w.EventId) : throw new InvalidOperationException($"no watermark for {recordKey}");

    [Fact]
    public async Task ALapsedLease_MakesTheEventClaimableAgain_AndTheOldLeaseCanNoLongerSettleIt()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1))], default);
        var crashed = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];

        _temp.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var reclaimed = await Store.ClaimInboxEventsAsync(1, Lease, default);
        var late = await Store.ApplyInboxEventAsync(crashed, [], default);
        var owner = await Store.ApplyInboxEventAsync(reclaimed[0], [], default);

        Assert.Equal("e1", Assert.Single(reclaimed).Event.EventId);
        Assert.Equal(InboxSettlement.LeaseLost, late);
        Assert.Equal(InboxSettlement.Applied, owner);
    }

    [Fact]
    public async Task AnOlderEvent_AfterANewerOneWasApplied_IsStale()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("new", "contact:1", T(20)), TempStore.Event("old", "contact:1", T(10))], default);
        var newer = (await Store.ClaimInboxEventsAsync(10, Lease, default)).Single();
        await Store.ApplyInboxEventAsync(newer, [], default);

        var older = (await Store.ClaimInboxEventsAsync(10, Lease, default)).Single();
        var verdict = await Store.DropIfSupersededAsync(older, default);
        var stored = await Store.ListInboxEventsAsync(new InboxEventFilter(), default);

        Assert.Equal("old", older.Event.EventId);
        Assert.Equal(InboxSettlement.Stale, verdict);
        Assert.Equal([InboxEventState.Applied, InboxEventState.Stale], stored.Select(e => e.State));
        Assert.Equal(T(20), (await Store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default))!.OccurredAt);
    }

    [Fact]
    public async Task AnEventAtTheSameTimeAsTheWatermark_IsNotStale()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("email", "contact:1", T(10)), TempStore.Event("name", "contact:1", T(10))], default);
        await Store.ApplyInboxEventAsync((await Store.ClaimInboxEventsAsync(1, Lease, default))[0], [], default);

        var second = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];

        Assert.Null(await Store.DropIfSupersededAsync(second, default));
        Assert.Equal(InboxSettlement.Applied, await Store.ApplyInboxEventAsync(second, [], default));
    }

    [Fact]
    public async Task DropIfSuperseded_AProcessedEventId_IsADuplicate()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1))], default);
        await Store.ApplyInboxEventAsync((await Store.ClaimInboxEventsAsync(1, Lease, default))[0], [], default);
        await Store.AppendInboxEventsAsync([TempStore.Event("e2", "contact:2", T(1))], default);
        var e2 = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];
        // Appends already refuse known ids, so a processed id reaching a worker is simulated by relabelling a claimed event.
        var copyOfE1 = e2 with { Event = e2.Event with { EventId = "e1" } };

        var verdict = await Store.DropIfSupersededAsync(copyOfE1, default);

        Assert.Equal(InboxSettlement.Duplicate, verdict);
        Assert.Equal(InboxEventState.Duplicate, (await Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Duplicate), default)).Single().State);
    }

    [Fact]
    public async Task Apply_MarksAppliedAdvancesTheWatermarkAndEnqueuesWrites_Together()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(7))], default);
        var lease = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];
        OutboxWrite write = new("qualified-lead", VendorId.Outreach, "prospects.upsert", "e1:outreach", """{"email":"a@example.com"}""");

        var settlement = await Store.ApplyInboxEventAsync(lease, [write], default);
        var watermark = await Store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default);

        Assert.Equal(InboxSettlement.Applied, settlement);
        Assert.Equal(InboxEventState.Applied, (await Store.ListInboxEventsAsync(new InboxEventFilter(), default)).Single().State);
        Assert.Equal(("e1", T(7)), (watermark!.EventId, watermark.OccurredAt));
        Assert.Equal("e1:outreach", (await Store.ListOutboxAsync(OutboxItemState.Pending, 10, default)).Single().IdempotencyKey);
        Assert.True(await Store.IsEventProcessedAsync(VendorId.HubSpot, "e1", default));
    }

    [Fact]
    public async Task Apply_ThatFailsHalfway_LeavesNothingBehind()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(7))], default);
        var lease = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];
        // The second write violates NOT NULL after the watermark and the event state have been written inside the transaction.
        OutboxWrite good = new("wf", VendorId.HubSpot, "op", "k1", "{}");
        var broken = good with { IdempotencyKey = "k2", Payload = null! };

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Store.ApplyInboxEventAsync(lease, [good, broken], default));

        Assert.Null(await Store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default));
        Assert.Equal(InboxEventState.Pending, (await Store.ListInboxEventsAsync(new InboxEventFilter(), default)).Single().State);
        Assert.Empty(await Store.ListOutboxAsync(null, 10, default));
        Assert.False(await Store.IsEventProcessedAsync(VendorId.HubSpot, "e1", default));
    }

    [Fact]
    public async Task Apply_OfAnEventTheWatermarkHasPassed_IsStaleAndEnqueuesNothing()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("old", "contact:1", T(1))], default);
        var lease = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];
        await Store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:1", T(5), "elsewhere", default);

        var settlement = await Store.ApplyInboxEventAsync(lease, [new OutboxWrite("wf", VendorId.HubSpot, "op", "k", "{}")], default);

        Assert.Equal(InboxSettlement.Stale, settlement);
        Assert.Empty(await Store.ListOutboxAsync(null, 10, default));
        Assert.Equal(T(5), (await Store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default))!.OccurredAt);
    }

    [Fact]
    public async Task Retry_CountsTheAttempt_AndHidesTheEventUntilItsNextAttempt()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1))], default);
        var lease = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];

        var released = await Store.RetryInboxEventAsync(lease, "handler timed out", _temp.Clock.GetUtcNow().AddSeconds(10), default);
        var tooEarly = await Store.ClaimInboxEventsAsync(1, Lease, default);
        _temp.Clock.Advance(TimeSpan.FromSeconds(10));
        var due = await Store.ClaimInboxEventsAsync(1, Lease, default);

        Assert.True(released);
        Assert.Empty(tooEarly);
        Assert.Equal((1, "handler timed out"), (due.Single().Event.Attempts, due.Single().Event.LastError));
    }

    [Fact]
    public async Task DeadLetteringAnEvent_MarksItFailed_AndStoresTheLetterPointingBackAtIt()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", T(1))], default);
        var lease = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];
        var letter = new NewDeadLetter("inbox", VendorId.HubSpot, "contact.propertyChange", "handler_failed", "boom",
            new RecordedRequest("POST", "/webhooks/hubspot", new Dictionary<string, string>(), "{}"), null, 3);

        var done = await Store.DeadLetterInboxEventAsync(lease, letter, default);
        var stored = (await Store.ListInboxEventsAsync(new InboxEventFilter(), default)).Single();
        var dead = (await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single();

        Assert.True(done);
        Assert.Equal((InboxEventState.Failed, 1), (stored.State, stored.Attempts));
        Assert.Equal((DeadLetterSource.Inbox, stored.Sequence), (dead.Source, dead.SourceId));
    }

    [Fact]
    public async Task ConcurrentWorkers_NeverClaimTheSameEventTwice()
    {
        var events = Enumerable.Range(0, 200).Select(i => TempStore.Event($"e{i}", $"contact:{i % 40}", T(i))).ToArray();
        await Store.AppendInboxEventsAsync(events, default);
        var handled = new System.Collections.Concurrent.ConcurrentBag<string>();

        async Task Worker(SqliteSyncStore store)
        {
            while (await store.ClaimInboxEventsAsync(5, Lease, default) is { Count: > 0 } leases)
            {
                foreach (var lease in leases)
                {
                    handled.Add(lease.Event.EventId);
                    Assert.Equal(InboxSettlement.Applied, await store.ApplyInboxEventAsync(lease, [], default));
                }
            }
        }

        await using var second = _temp.Open();
        await Task.WhenAll(Task.Run(() => Worker(Store)), Task.Run(() => Worker(Store)), Task.Run(() => Worker(second)), Task.Run(() => Worker(second)));

        Assert.Equal(200, handled.Count);
        Assert.Equal(200, handled.Distinct().Count());
        Assert.Equal(200, (await Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Applied, Limit: 500), default)).Count);
    }

    [Fact]
    public async Task AppendBatch_ReportsEachDelivery_WithRepeatsAcrossDeliveriesBatchesAndProcessedIdsAsDuplicates()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("done", "contact:9", T(1))], default);
        var done = await Store.ClaimInboxEventsAsync(1, Lease, default);
        await Store.ApplyInboxEventAsync(done[0], [], default);

        var first = await Store.AppendInboxBatchAsync(
            [[TempStore.Event("a", "contact:1", T(1)), TempStore.Event("b", "contact:2", T(1))], [TempStore.Event("a", "contact:1", T(1))], [TempStore.Event("done", "contact:9", T(1)), TempStore.Event("c", "contact:3", T(1))]],
            default);
        var second = await Store.AppendInboxBatchAsync([[TempStore.Event("b", "contact:2", T(1))], [TempStore.Event("d", "contact:4", T(1))]], default);
        var stored = (await Store.ListInboxEventsAsync(new InboxEventFilter(AfterSequence: done[0].Event.Sequence), default)).Select(e => (e.EventId, e.State));

        Assert.Equal([new InboxAppendResult(2, 0), new InboxAppendResult(0, 1), new InboxAppendResult(1, 1)], first);
        Assert.Equal([new InboxAppendResult(0, 1), new InboxAppendResult(1, 0)], second);
        Assert.Equal(
            [("a", InboxEventState.Pending), ("b", InboxEventState.Pending), ("a", InboxEventState.Duplicate), ("done", InboxEventState.Duplicate), ("c", InboxEventState.Pending), ("b", InboxEventState.Duplicate), ("d", InboxEventState.Pending)],
            stored);
    }

    [Fact]
    public async Task AFailedAppendBatch_StoresNothing_AndTheNextBatchIsStoredOnAFreshConnection()
    {
        var failing = Store.AppendInboxBatchAsync([[TempStore.Event("ok", "contact:1", T(1))], [TempStore.Event("bad", "contact:2", T(1)) with { Payload = null! }]], default);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => failing);
        var next = await Store.AppendInboxBatchAsync([[TempStore.Event("ok", "contact:1", T(1))]], default);

        Assert.Equal([new InboxAppendResult(1, 0)], next);
        Assert.Equal(["ok"], (await Store.ListInboxEventsAsync(new InboxEventFilter(), default)).Select(e => e.EventId));
    }

    [Fact]
    public async Task Claim_LeasesABatchInArrivalOrder_WithTheLeaseStoredForOtherProcessesToSee()
    {
        var events = Enumerable.Range(0, 60).Select(i => TempStore.Event($"e{i:00}", $"contact:{i % 25}", T(i))).ToArray();
        await Store.AppendInboxEventsAsync(events, default);

        var claimed = await Store.ClaimInboxEventsAsync(100, Lease, default);
        await using var other = _temp.Open();
        var whileLeased = await other.ClaimInboxEventsAsync(100, Lease, default);
        var lapsed = _temp.Clock.GetUtcNow() + Lease;
        var settled = await Store.ApplyInboxEventsAsync(claimed.Select(l => new InboxApplication(l, [])).ToList(), default);
        var next = await other.ClaimInboxEventsAsync(100, Lease, default);

        // One event per record (the first 25 arrivals), oldest first; each with the lease's end.
        Assert.Equal(events.Take(25).Select(e => e.EventId), claimed.Select(l => l.Event.EventId));
        Assert.All(claimed, l => Assert.Equal(lapsed, l.LeasedUntil));
        Assert.Empty(whileLeased);
        Assert.All(settled, s => Assert.Equal(InboxSettlement.Applied, s));
        Assert.Equal(events.Skip(25).Take(25).Select(e => e.EventId), next.Select(l => l.Event.EventId));
    }

    [Fact]
    public async Task ConcurrentWritersOfOneStore_TakeTurns_InsteadOfRunningIntoTheBusyTimeout()
    {
        // A 1 ms busy timeout: writers of one process that met SQLite's lock would fail; the store's gate queues them instead.
        await using var store = new SqliteSyncStore(new SyncStoreOptions { Directory = _temp.Directory, BusyTimeout = TimeSpan.FromMilliseconds(1) }, _temp.Clock);
        var appends = Enumerable.Range(0, 40).Select(i => Task.Run(() => store.AppendInboxBatchAsync([[TempStore.Event($"e{i}", $"contact:{i}", T(i))]], default))).ToArray();
        var claims = Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.ClaimInboxEventsAsync(3, Lease, default))).ToArray();

        await Task.WhenAll([.. appends, .. claims]);
        var remaining = await store.ClaimInboxEventsAsync(100, Lease, default);

        Assert.Equal(40, (await store.ListInboxEventsAsync(new InboxEventFilter(Limit: 100), default)).Count);
        Assert.Equal(40, (await Task.WhenAll(claims)).Sum(c => c.Count) + remaining.Count);
    }
}
