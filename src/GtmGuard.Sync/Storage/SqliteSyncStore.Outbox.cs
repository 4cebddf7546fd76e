using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>Outbox of pending vendor writes.</summary>
public sealed partial class SqliteSyncStore
{
    private const string OutboxColumns =
        "id, workflow, vendor, operation, idempotency_key, payload, attempts, next_attempt_at, state, created_at, last_error, target_key";

    public Task<int> EnqueueOutboxAsync(IReadOnlyList<OutboxWrite> writes, CancellationToken cancellationToken) =>
        WriteAsync((connection, now) => InsertOutboxAsync(connection, writes, now, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<OutboxLease>> ClaimOutboxAsync(int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        ClaimOutboxAsync(maxItems, leaseDuration, null, cancellationToken);

    public Task<IReadOnlyList<OutboxLease>> ClaimOutboxAsync(int maxItems, TimeSpan leaseDuration, string? workflow, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<OutboxLease>>(
            async (connection, now) =>
            {
                // One statement leases the whole batch. A write to a record waits while an older write to the same record
                // is still pending (last writer wins in order). LIMIT +$limit keeps the statement from being re-prepared
                // on every claim (see the inbox claim).
                var leaseId = Guid.NewGuid();
                var until = now + (long)leaseDuration.TotalMilliseconds;
                var items = await SqliteCommands.QueryAsync(
                    connection,
                    $"""
                    UPDATE outbox SET lease_id = $lease, lease_until = $until, updated_at = $now
                    WHERE id IN (
                        SELECT w.id FROM outbox w
                        WHERE w.state = 'pending' AND w.next_attempt_at <= $now AND (w.lease_until IS NULL OR w.lease_until <= $now)
                          AND ($workflow IS NULL OR w.workflow = $workflow)
                          AND (w.target_key IS NULL OR NOT EXISTS (
                              SELECT 1 FROM outbox o
                              WHERE o.vendor = w.vendor AND o.operation = w.operation AND o.target_key = w.target_key
                                AND o.state = 'pending' AND o.id < w.id))
                        ORDER BY w.id
                        LIMIT +$limit)
                    RETURNING {OutboxColumns};
                    """,
                    ReadOutboxItem,
                    cancellationToken,
                    ("$lease", leaseId.ToString()),
                    ("$until", until),
                    ("$now", now),
                    ("$workflow", workflow),
                    ("$limit", maxItems)).ConfigureAwait(false);

                // RETURNING gives no order; senders take the writes oldest first.
                return items.OrderBy(i => i.Id).Select(i => new OutboxLease(i, leaseId, Time(until))).ToList();
            },
            cancellationToken);

    public async Task<bool> CompleteOutboxAsync(OutboxLease lease, CancellationToken cancellationToken) =>
        await CompleteOutboxAsync([lease], cancellationToken).ConfigureAwait(false) == 1;

    public Task<int> CompleteOutboxAsync(IReadOnlyList<OutboxLease> leases, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) =>
            {
                var completed = 0;
                foreach (var lease in leases)
                {
                    completed += await SqliteCommands.ExecuteAsync(
                        connection,
                        """
                        UPDATE outbox SET state = 'completed', updated_at = $now, lease_id = NULL, lease_until = NULL
                        WHERE id = $id AND lease_id = $lease AND state = 'pending';
                        """,
                        cancellationToken,
                        ("$now", now),
                        ("$id", lease.Item.Id),
                        ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false);
                }

                return completed;
            },
            cancellationToken);

    public Task<bool> RetryOutboxAsync(OutboxLease lease, string lastError, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) =>
            {
                var released = await SqliteCommands.ExecuteAsync(
                    connection,
                    """
                    UPDATE outbox SET attempts = attempts + 1, last_error = $error, next_attempt_at = $next, updated_at = $now, lease_id = NULL, lease_until = NULL
                    WHERE id = $id AND lease_id = $lease AND state = 'pending';
                    """,
                    cancellationToken,
                    ("$error", lastError),
                    ("$next", Ms(nextAttemptAt)),
                    ("$now", now),
                    ("$id", lease.Item.Id),
                    ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false) == 1;

                // A newer write to the same record arrived while this one was in flight: it replaces this one's retry.
                await SqliteCommands.ExecuteAsync(
                    connection,
                    """
                    UPDATE outbox SET state = 'superseded', updated_at = $now
                    WHERE id = $id AND state = 'pending' AND target_key IS NOT NULL AND EXISTS (
                        SELECT 1 FROM outbox n
                        WHERE n.vendor = outbox.vendor AND n.operation = outbox.operation AND n.target_key = outbox.target_key
                          AND n.state = 'pending' AND n.id > outbox.id);
                    """,
                    cancellationToken,
                    ("$now", now),
                    ("$id", lease.Item.Id)).ConfigureAwait(false);
                return released;
            },
            cancellationToken);

    public Task<bool> DeadLetterOutboxAsync(OutboxLease lease, NewDeadLetter deadLetter, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) =>
            {
                var updated = await SqliteCommands.ExecuteAsync(
                    connection,
                    """
                    UPDATE outbox SET attempts = attempts + 1, last_error = $error, state = 'failed', updated_at = $now, lease_id = NULL, lease_until = NULL
                    WHERE id = $id AND lease_id = $lease AND state = 'pending';
                    """,
                    cancellationToken,
                    ("$error", deadLetter.ErrorMessage ?? deadLetter.ErrorType),
                    ("$now", now),
                    ("$id", lease.Item.Id),
                    ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false);
                if (updated == 0)
                {
                    return false;
                }

                await InsertDeadLetterAsync(connection, deadLetter with { Source = DeadLetterSource.Outbox, SourceId = lease.Item.Id }, now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public async Task<IReadOnlyList<OutboxItem>> ListOutboxAsync(OutboxItemState? state, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(
            $"SELECT {OutboxColumns} FROM outbox WHERE ($state IS NULL OR state = $state) ORDER BY id LIMIT $limit;",
            ReadOutboxItem,
            cancellationToken,
            ("$state", state is { } s ? Label(s) : null),
            ("$limit", limit)).ConfigureAwait(false);

    private static async Task<int> InsertOutboxAsync(SqliteConnection connection, IReadOnlyList<OutboxWrite> writes, long now, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var write in writes)
        {
            var added = await SqliteCommands.ExecuteAsync(
                connection,
                """
                INSERT INTO outbox (workflow, vendor, operation, idempotency_key, payload, next_attempt_at, state, created_at, updated_at, target_key)
                VALUES ($workflow, $vendor, $operation, $key, $payload, $now, 'pending', $now, $now, $target)
                ON CONFLICT (vendor, idempotency_key) DO NOTHING;
                """,
                cancellationToken,
                ("$workflow", write.Workflow),
                ("$vendor", write.Vendor.Label()),
                ("$operation", write.Operation),
                ("$key", write.IdempotencyKey),
                ("$payload", write.Payload),
                ("$now", now),
                ("$target", write.TargetKey)).ConfigureAwait(false);
            inserted += added;
            if (added == 1 && write.TargetKey is not null)
            {
                // Older writes to the same record not yet in flight would only be overwritten: drop them. One in flight
                // keeps its lease; the claim holds this one back until it settles.
                await SqliteCommands.ExecuteAsync(
                    connection,
                    """
                    UPDATE outbox SET state = 'superseded', updated_at = $now
                    WHERE vendor = $vendor AND operation = $operation AND target_key = $target AND state = 'pending'
                      AND id < last_insert_rowid() AND (lease_until IS NULL OR lease_until <= $now);
                    """,
                    cancellationToken,
                    ("$vendor", write.Vendor.Label()),
                    ("$operation", write.Operation),
                    ("$target", write.TargetKey),
                    ("$now", now)).ConfigureAwait(false);
            }
        }

        return inserted;
    }

    private static OutboxItem ReadOutboxItem(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        Vendor(r.GetString(2)),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.GetInt32(6),
        Time(r, 7),
        Parse<OutboxItemState>(r.GetString(8)),
        Time(r, 9),
        NullableString(r, 10))
    {
        TargetKey = NullableString(r, 11),
    };
}
