using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>Outbox of pending vendor writes.</summary>
public sealed partial class SqliteSyncStore
{
    private const string OutboxColumns =
        "id, workflow, vendor, operation, idempotency_key, payload, attempts, next_attempt_at, state, created_at, last_error";

    public Task<int> EnqueueOutboxAsync(IReadOnlyList<OutboxWrite> writes, CancellationToken cancellationToken) =>
        WriteAsync((connection, now) => InsertOutboxAsync(connection, writes, now, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<OutboxLease>> ClaimOutboxAsync(int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<OutboxLease>>(
            async (connection, now) =>
            {
                var due = await SqliteCommands.QueryAsync(
                    connection,
                    """
                    SELECT id FROM outbox
                    WHERE state = 'pending' AND next_attempt_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                    ORDER BY id
                    LIMIT $limit;
                    """,
                    r => r.GetInt64(0),
                    cancellationToken,
                    ("$now", now),
                    ("$limit", maxItems)).ConfigureAwait(false);
                var until = now + (long)leaseDuration.TotalMilliseconds;
                var leases = new List<OutboxLease>(due.Count);
                foreach (var id in due)
                {
                    var leaseId = Guid.NewGuid();
                    await SqliteCommands.ExecuteAsync(
                        connection,
                        "UPDATE outbox SET lease_id = $lease, lease_until = $until, updated_at = $now WHERE id = $id;",
                        cancellationToken,
                        ("$lease", leaseId.ToString()),
                        ("$until", until),
                        ("$now", now),
                        ("$id", id)).ConfigureAwait(false);
                    var row = await SqliteCommands.QueryAsync(connection, $"SELECT {OutboxColumns} FROM outbox WHERE id = $id;", ReadOutboxItem, cancellationToken, ("$id", id)).ConfigureAwait(false);
                    leases.Add(new OutboxLease(row[0], leaseId, Time(until)));
                }

                return leases;
            },
            cancellationToken);

    public Task<bool> CompleteOutboxAsync(OutboxLease lease, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) => await SqliteCommands.ExecuteAsync(
                connection,
                """
                UPDATE outbox SET state = 'completed', updated_at = $now, lease_id = NULL, lease_until = NULL
                WHERE id = $id AND lease_id = $lease AND state = 'pending';
                """,
                cancellationToken,
                ("$now", now),
                ("$id", lease.Item.Id),
                ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task<bool> RetryOutboxAsync(OutboxLease lease, string lastError, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) => await SqliteCommands.ExecuteAsync(
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
                ("$lease", lease.LeaseId.ToString())).ConfigureAwait(false) == 1,
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
            inserted += await SqliteCommands.ExecuteAsync(
                connection,
                """
                INSERT INTO outbox (workflow, vendor, operation, idempotency_key, payload, next_attempt_at, state, created_at, updated_at)
                VALUES ($workflow, $vendor, $operation, $key, $payload, $now, 'pending', $now, $now)
                ON CONFLICT (vendor, idempotency_key) DO NOTHING;
                """,
                cancellationToken,
                ("$workflow", write.Workflow),
                ("$vendor", write.Vendor.Label()),
                ("$operation", write.Operation),
                ("$key", write.IdempotencyKey),
                ("$payload", write.Payload),
                ("$now", now)).ConfigureAwait(false);
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
        NullableString(r, 10));
}
