using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>Retention: the inbox and outbox keep settled rows only until they are purged.</summary>
public sealed partial class SqliteSyncStore
{
    public Task<int> PurgeSettledAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        WriteWithEventIdsAsync(
            async (connection, _) =>
            {
                var cutoff = ("$before", (object?)Ms(before));
                // The purged rows leave the event-id index too, so its memory follows the inbox's size.
                var purged = await SqliteCommands.QueryAsync(
                    connection,
                    "DELETE FROM inbox WHERE state IN ('applied', 'duplicate', 'stale') AND settled_at < $before RETURNING seq, vendor, event_id;",
                    r => (Sequence: r.GetInt64(0), Vendor: r.GetString(1), EventId: r.GetString(2)),
                    cancellationToken,
                    cutoff).ConfigureAwait(false);
                foreach (var row in purged)
                {
                    _eventIds.Remove(row.Vendor, row.EventId, row.Sequence);
                }

                var outbox = await SqliteCommands.ExecuteAsync(
                    connection, "DELETE FROM outbox WHERE state = 'completed' AND updated_at < $before;", cancellationToken, cutoff).ConfigureAwait(false);
                return purged.Count + outbox;
            },
            durable: true,
            cancellationToken);
}
