using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>Inbox, processed event ids and watermarks.</summary>
public sealed partial class SqliteSyncStore
{
    private const string InboxColumns =
        "seq, vendor, event_id, record_key, event_type, occurred_at, payload, received_at, state, attempts, next_attempt_at, last_error";

    private const string UpsertWatermarkSql = """
        INSERT INTO watermarks (vendor, record_key, occurred_at, event_id, updated_at)
        VALUES ($vendor, $record_key, $occurred_at, $event_id, $now)
        ON CONFLICT (vendor, record_key) DO UPDATE
            SET occurred_at = excluded.occurred_at, event_id = excluded.event_id, updated_at = excluded.updated_at
            WHERE excluded.occurred_at >= watermarks.occurred_at;
        """;

    public async Task<InboxAppendResult> AppendInboxEventsAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken) =>
        (await AppendInboxBatchAsync([events], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<InboxAppendResult>> AppendInboxBatchAsync(IReadOnlyList<IReadOnlyList<IncomingEvent>> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await LoadEventIdsAsync(cancellationToken).ConfigureAwait(false);
        return await _inboxWriter.AppendAsync(deliveries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the event ids already in the file, once, on a read connection: so the first write that needs them does not
    /// read the whole inbox while holding the file's write lock (it only folds in what was added since).
    /// </summary>
    private async Task LoadEventIdsAsync(CancellationToken cancellationToken)
    {
        if (!_eventIds.Loaded)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            _eventIds.CatchUp(connection);
        }
    }

    /// <summary>A write transaction that consults the event ids: caught up first, and rewound if it rolls back.</summary>
    private async Task<T> WriteWithEventIdsAsync<T>(Func<SqliteConnection, long, Task<T>> work, bool durable, CancellationToken cancellationToken)
    {
        await LoadEventIdsAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(
            (connection, now) =>
            {
                _eventIds.BeginWrite(connection);
                return work(connection, now);
            },
            durable,
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<InboxLease>> ClaimInboxEventsAsync(int maxEvents, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        ClaimInboxAsync(maxEvents, leaseDuration, null, cancellationToken);

    public Task<IReadOnlyList<InboxLease>> ClaimInboxEventsAsync(int maxEvents, TimeSpan leaseDuration, IReadOnlyCollection<InboxEventKind> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return kinds.Count == 0 ? Task.FromResult<IReadOnlyList<InboxLease>>([]) : ClaimInboxAsync(maxEvents, leaseDuration, kinds.ToList(), cancellationToken);
    }

    private Task<IReadOnlyList<InboxLease>> ClaimInboxAsync(int maxEvents, TimeSpan leaseDuration, List<InboxEventKind>? kinds, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<InboxLease>>(
            async (connection, now) =>
            {
                // Due, unleased, and the record has neither a live lease nor an earlier due event: one record, one worker, arrival order.
                // With kinds, only earlier events of those kinds hold an event back (the others are not this claimer's to settle).
                var parameters = new List<(string Name, object? Value)> { ("$now", now), ("$limit", maxEvents) };
                var ofKind = "1";
                var earlierOfKind = "1";
                if (kinds is not null)
                {
                    var terms = new List<string>();
                    var earlier = new List<string>();
                    for (var k = 0; k < kinds.Count; k++)
                    {
                        terms.Add($"(i.vendor = $v{k} AND i.event_type = $t{k})");
                        earlier.Add($"(o.vendor = $v{k} AND o.event_type = $t{k})");
                        parameters.Add(($"$v{k}", kinds[k].Vendor.Label()));
                        parameters.Add(($"$t{k}", kinds[k].EventType));
                    }

                    ofKind = "(" + string.Join(" OR ", terms) + ")";
                    earlierOfKind = "(" + string.Join(" OR ", earlier) + ")";
                }

                // One statement leases the whole batch and hands back the rows (RETURNING order is unspecified, so sort).
                // The batch shares one lease id: the sequence names each event, the id proves this claim still holds it.
                // LIMIT +$limit, not LIMIT $limit: SQLite plans with a bare bound LIMIT's value, so rebinding it would
                // re-prepare this statement on every claim.
                var leaseId = Guid.NewGuid();
                var until = now + (long)leaseDuration.TotalMilliseconds;
                parameters.Add(("$lease", leaseId.ToString()));
                parameters.Add(("$until", until));
                var claimed = await SqliteCommands.QueryAsync(
                    connection,
                    $"""
                    UPDATE inbox SET lease_id = $lease, lease_until = $until
                    WHERE seq IN (
                        SELECT i.seq FROM inbox i
                        WHERE i.state = 'pending' AND i.next_attempt_at <= $now AND (i.lease_until IS NULL OR i.lease_until <= $now) AND {ofKind}
                          AND NOT EXISTS (
                              SELECT 1 FROM inbox o
                              WHERE o.vendor = i.vendor AND o.record_key = i.record_key AND o.state = 'pending' AND o.seq <> i.seq
                                AND (o.lease_until > $now OR (o.seq < i.seq AND o.next_attempt_at <= $now AND {earlierOfKind})))
                        ORDER BY i.seq
                        LIMIT +$limit)
                    RETURNING {InboxColumns};
                    """,
                    ReadInboxEvent,
                    cancellationToken,
                    [.. parameters]).ConfigureAwait(false);
                claimed.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
                var leasedUntil = Time(until);
                return claimed.ConvertAll(e => new InboxLease(e, leaseId, leasedUntil));
            },
            durable: false, // A lease lost with the machine only lets the event be claimed again, as after a lapse.
            cancellationToken);

    public async Task<InboxSettlement?> DropIfSupersededAsync(InboxLease lease, CancellationToken cancellationToken)
    {
        // Most events are neither: check on a read connection first, so they cost no write transaction here (the apply
        // re-checks both under the write lock, so a race only means a later drop).
        if (!await MaybeSupersededAsync(lease.Event, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await DropSupersededAsync(lease, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> MaybeSupersededAsync(InboxEvent e, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return _eventIds.ProcessedAsOfLastCommit(connection, e.Vendor.Label(), e.EventId, e.Sequence)
            || await SqliteCommands.ScalarAsync(
                connection,
                "SELECT 1 FROM watermarks WHERE vendor = $vendor AND record_key = $record_key AND occurred_at > $occurred_at;",
                cancellationToken,
                ("$vendor", e.Vendor.Label()),
                ("$record_key", e.RecordKey),
                ("$occurred_at", Ms(e.OccurredAt))).ConfigureAwait(false) is not null;
    }

    private Task<InboxSettlement?> DropSupersededAsync(InboxLease lease, CancellationToken cancellationToken) =>
        WriteWithEventIdsAsync<InboxSettlement?>(
            async (connection, now) =>
            {
                if (await LostOrDuplicateAsync(connection, lease, now, cancellationToken).ConfigureAwait(false) is { } settled)
                {
                    return settled;
                }

                var e = lease.Event;
                var watermark = await SqliteCommands.ScalarAsync(
                    connection,
                    "SELECT occurred_at FROM watermarks WHERE vendor = $vendor AND record_key = $record_key;",
                    cancellationToken,
                    ("$vendor", e.Vendor.Label()),
                    ("$record_key", e.RecordKey)).ConfigureAwait(false);
                if (watermark is long latest && latest > Ms(e.OccurredAt))
                {
                    await SettleInboxEventAsync(connection, e.Sequence, InboxEventState.Stale, now, cancellationToken).ConfigureAwait(false);
                    return InboxSettlement.Stale;
                }

                return null;
            },
            durable: true,
            cancellationToken);

    public Task<InboxSettlement> ApplyInboxEventAsync(InboxLease lease, IReadOnlyList<OutboxWrite> writes, CancellationToken cancellationToken) =>
        WriteWithEventIdsAsync((connection, now) => ApplyAsync(connection, lease, writes, now, cancellationToken), durable: true, cancellationToken);

    public Task<IReadOnlyList<InboxSettlement>> ApplyInboxEventsAsync(IReadOnlyList<InboxApplication> applications, CancellationToken cancellationToken) =>
        WriteWithEventIdsAsync<IReadOnlyList<InboxSettlement>>(
            async (connection, now) =>
            {
                if (CanSettleAsSet(applications))
                {
                    return await ApplyAsSetAsync(connection, applications, now, cancellationToken).ConfigureAwait(false);
                }

                var settlements = new InboxSettlement[applications.Count];
                for (var i = 0; i < applications.Count; i++)
                {
                    settlements[i] = await ApplyAsync(connection, applications[i].Lease, applications[i].Writes, now, cancellationToken).ConfigureAwait(false);
                }

                return settlements;
            },
            // No fsync of its own: a power cut that undoes a settlement only puts its events back to pending (their
            // outbox writes, watermarks and processed ids go with it), so they are handled again, as after a worker
            // crash. The next durable commit (an intake append, an outbox completion) syncs it, as the log is in order.
            durable: false,
            cancellationToken);

    private async Task<InboxSettlement> ApplyAsync(SqliteConnection connection, InboxLease lease, IReadOnlyList<OutboxWrite> writes, long now, CancellationToken cancellationToken)
    {
        if (await LostOrDuplicateAsync(connection, lease, now, cancellationToken).ConfigureAwait(false) is { } settled)
        {
            return settled;
        }

        var e = lease.Event;
        var advanced = await AdvanceWatermarkAsync(connection, e.Vendor, e.RecordKey, Ms(e.OccurredAt), e.EventId, now, cancellationToken).ConfigureAwait(false);
        await SettleInboxEventAsync(connection, e.Sequence, advanced ? InboxEventState.Applied : InboxEventState.Stale, now, cancellationToken).ConfigureAwait(false);
        if (!advanced)
        {
            return InboxSettlement.Stale;
        }

        await InsertOutboxAsync(connection, writes, now, cancellationToken).ConfigureAwait(false);
        return InboxSettlement.Applied;
    }

    /// <summary>LeaseLost when the lease is gone; Duplicate (settled so) when the event id was already processed; otherwise null.</summary>
    private async Task<InboxSettlement?> LostOrDuplicateAsync(SqliteConnection connection, InboxLease lease, long now, CancellationToken cancellationToken)
    {
        if (!await HoldsInboxLeaseAsync(connection, lease, cancellationToken).ConfigureAwait(false))
        {
            return InboxSettlement.LeaseLost;
        }

        var e = lease.Event;
        if (!_eventIds.ProcessedElsewhere(connection, e.Vendor.Label(), e.EventId, e.Sequence))
        {
            return null;
        }

        await SettleInboxEventAsync(connection, e.Sequence, InboxEventState.Duplicate, now, cancellationToken).ConfigureAwait(false);
        return InboxSettlement.Duplicate;
    }

    public Task<bool> RetryInboxEventAsync(InboxLease lease, string lastError, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, _) => await SqliteCommands.ExecuteAsync(
                connection,
                """
                UPDATE inbox SET attempts = attempts + 1, last_error = $error, next_attempt_at = $next, lease_id = NULL, lease_until = NULL
                WHERE seq = $seq AND lease_id = $lease AND state = 'pending';
                """,
                cancellationToken,
                ("$error", lastError),
                ("$next", Ms(nextAttemptAt)),
                ("$seq", lease.Event.Sequence),
                ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task<bool> DeadLetterInboxEventAsync(InboxLease lease, NewDeadLetter deadLetter, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) =>
            {
                var updated = await SqliteCommands.ExecuteAsync(
                    connection,
                    """
                    UPDATE inbox SET attempts = attempts + 1, last_error = $error, state = 'failed', settled_at = $now, lease_id = NULL, lease_until = NULL
                    WHERE seq = $seq AND lease_id = $lease AND state = 'pending';
                    """,
                    cancellationToken,
                    ("$error", deadLetter.ErrorMessage ?? deadLetter.ErrorType),
                    ("$now", now),
                    ("$seq", lease.Event.Sequence),
                    ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false);
                if (updated == 0)
                {
                    return false;
                }

                await InsertDeadLetterAsync(connection, deadLetter with { Source = DeadLetterSource.Inbox, SourceId = lease.Event.Sequence }, now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public async Task<IReadOnlyList<InboxEvent>> ListInboxEventsAsync(InboxEventFilter filter, CancellationToken cancellationToken) =>
        await ReadAsync(
            $"""
            SELECT {InboxColumns} FROM inbox
            WHERE seq > $after AND ($vendor IS NULL OR vendor = $vendor) AND ($state IS NULL OR state = $state)
            ORDER BY seq
            LIMIT $limit;
            """,
            ReadInboxEvent,
            cancellationToken,
            ("$after", filter.AfterSequence),
            ("$vendor", filter.Vendor?.Label()),
            ("$state", filter.State is { } state ? Label(state) : null),
            ("$limit", filter.Limit)).ConfigureAwait(false);

    public async Task<bool> IsEventProcessedAsync(VendorId vendor, string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return _eventIds.ProcessedAsOfLastCommit(connection, vendor.Label(), eventId, exceptSequence: null);
    }

    public Task<bool> TryAdvanceWatermarkAsync(VendorId vendor, string recordKey, DateTimeOffset occurredAt, string? eventId, CancellationToken cancellationToken) =>
        WriteAsync((connection, now) => AdvanceWatermarkAsync(connection, vendor, recordKey, Ms(occurredAt), eventId, now, cancellationToken), cancellationToken);

    public async Task<Watermark?> GetWatermarkAsync(VendorId vendor, string recordKey, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            "SELECT vendor, record_key, occurred_at, event_id, updated_at FROM watermarks WHERE vendor = $vendor AND record_key = $record_key;",
            r => new Watermark(Vendor(r.GetString(0)), r.GetString(1), Time(r, 2), NullableString(r, 3), Time(r, 4)),
            cancellationToken,
            ("$vendor", vendor.Label()),
            ("$record_key", recordKey)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<bool> AdvanceWatermarkAsync(SqliteConnection connection, VendorId vendor, string recordKey, long occurredAt, string? eventId, long now, CancellationToken cancellationToken) =>
        await SqliteCommands.ExecuteAsync(
            connection,
            UpsertWatermarkSql,
            cancellationToken,
            ("$vendor", vendor.Label()),
            ("$record_key", recordKey),
            ("$occurred_at", occurredAt),
            ("$event_id", eventId),
            ("$now", now)).ConfigureAwait(false) == 1;

    private static async Task<bool> HoldsInboxLeaseAsync(SqliteConnection connection, InboxLease lease, CancellationToken cancellationToken) =>
        await SqliteCommands.ScalarAsync(
            connection,
            "SELECT 1 FROM inbox WHERE seq = $seq AND lease_id = $lease AND state = 'pending';",
            cancellationToken,
            ("$seq", lease.Event.Sequence),
            ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false) is not null;

    private static Task<int> SettleInboxEventAsync(SqliteConnection connection, long seq, InboxEventState state, long now, CancellationToken cancellationToken) =>
        SqliteCommands.ExecuteAsync(
            connection,
            "UPDATE inbox SET state = $state, settled_at = $now, lease_id = NULL, lease_until = NULL WHERE seq = $seq;",
            cancellationToken,
            ("$state", Label(state)),
            ("$now", now),
            ("$seq", seq));

    private static InboxEvent ReadInboxEvent(SqliteDataReader r) => new(
        r.GetInt64(0),
        Vendor(r.GetString(1)),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        Time(r, 5),
        r.GetString(6),
        Time(r, 7),
        Parse<InboxEventState>(r.GetString(8)),
        r.GetInt32(9),
        Time(r, 10),
        NullableString(r, 11));
}
