using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>Retention: the inbox and outbox keep settled rows only until they are purged.</summary>
public sealed partial class SqliteSyncStore
{
    public Task<int> PurgeSettledAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, _) =>
            {
                var cutoff = ("$before", (object?)Ms(before));
                var inbox = await SqliteCommands.ExecuteAsync(
                    connection, "DELETE FROM inbox WHERE state IN ('applied', 'duplicate', 'stale') AND settled_at < $before;", cancellationToken, cutoff).ConfigureAwait(false);
                if (inbox > 0)
                {
                    // The index would otherwise keep the purged ids until each is looked up; it reloads on next use.
                    _eventIds.Forget();
                }

                var outbox = await SqliteCommands.ExecuteAsync(
                    connection, "DELETE FROM outbox WHERE state = 'completed' AND updated_at < $before;", cancellationToken, cutoff).ConfigureAwait(false);
                return inbox + outbox;
            },
            cancellationToken);
}
