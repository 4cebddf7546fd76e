using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>The store's tables, created and migrated in order; <c>PRAGMA user_version</c> records how far a file has come.</summary>
internal static class SqliteSchema
{
    /// <summary>Migration n brings a file from version n to n + 1. Append only: never edit a shipped migration.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE inbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            vendor TEXT NOT NULL,
            event_id TEXT NOT NULL,
            record_key TEXT NOT NULL,
            event_type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            payload TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            lease_id TEXT NULL,
            lease_until INTEGER NULL,
            last_error TEXT NULL,
            settled_at INTEGER NULL
        );
        CREATE INDEX inbox_event_id ON inbox (vendor, event_id);
        CREATE INDEX inbox_record ON inbox (vendor, record_key, state, seq);
        CREATE INDEX inbox_pending ON inbox (seq) WHERE state = 'pending';

        CREATE TABLE processed_events (
            vendor TEXT NOT NULL,
            event_id TEXT NOT NULL,
            processed_at INTEGER NOT NULL,
            PRIMARY KEY (vendor, event_id)
        ) WITHOUT ROWID;

        CREATE TABLE watermarks (
            vendor TEXT NOT NULL,
            record_key TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            event_id TEXT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (vendor, record_key)
        ) WITHOUT ROWID;

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workflow TEXT NOT NULL,
            vendor TEXT NOT NULL,
            operation TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            lease_id TEXT NULL,
            lease_until INTEGER NULL,
            last_error TEXT NULL,
            UNIQUE (vendor, idempotency_key)
        );
        CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';

        CREATE TABLE dead_letters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workflow TEXT NOT NULL,
            vendor TEXT NOT NULL,
            operation TEXT NOT NULL,
            error_type TEXT NOT NULL,
            error_message TEXT NULL,
            request TEXT NOT NULL,
            response TEXT NULL,
            attempts INTEGER NOT NULL,
            source TEXT NOT NULL,
            source_id INTEGER NULL,
            created_at INTEGER NOT NULL,
            replayed_at INTEGER NULL
        );
        CREATE INDEX dead_letters_open ON dead_letters (created_at) WHERE replayed_at IS NULL;

        CREATE TABLE workflow_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workflow TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NULL,
            status TEXT NOT NULL,
            records_read INTEGER NOT NULL DEFAULT 0,
            records_written INTEGER NOT NULL DEFAULT 0,
            records_skipped INTEGER NOT NULL DEFAULT 0,
            records_dead_lettered INTEGER NOT NULL DEFAULT 0,
            error TEXT NULL
        );
        CREATE INDEX workflow_runs_by_workflow ON workflow_runs (workflow, id);
        """,
        """
        ALTER TABLE outbox ADD COLUMN target_key TEXT NULL;
        CREATE INDEX outbox_target ON outbox (vendor, operation, target_key, id) WHERE target_key IS NOT NULL;
        CREATE INDEX outbox_workflow_due ON outbox (workflow, next_attempt_at, id) WHERE state = 'pending';

        CREATE TABLE rotated_tokens (
            credential TEXT PRIMARY KEY,
            token TEXT NOT NULL,
            origin TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // Only pending events hold a record back: indexing just those keeps the index as small as the backlog, so
        // an append and a settle touch a few of its pages instead of one random page of every record's history each.
        """
        DROP INDEX inbox_record;
        CREATE INDEX inbox_pending_record ON inbox (vendor, record_key, seq) WHERE state = 'pending';
        """,
        // An event is processed when its inbox row is applied or stale; retention purges those rows and the ids with
        // the same cutoff, so the separate table only cost every settle one more random page write.
        """
        DROP TABLE processed_events;
        """,
        // Event ids are random, so each new one dirtied a random page of this index under the write lock; the store
        // keeps them in memory instead (InboxEventIdIndex), folded in from the inbox rows by sequence number.
        """
        DROP INDEX inbox_event_id;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Switches the file to WAL and applies missing migrations; several processes may race here safely.</summary>
    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode is persistent in the file and cannot change inside a transaction.
        await SqliteCommands.ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        await SqliteCommands.ExecuteAsync(connection, "BEGIN IMMEDIATE;", cancellationToken).ConfigureAwait(false);
        try
        {
            var version = Convert.ToInt32(await SqliteCommands.ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (version > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The sync store '{connection.DataSource}' has schema version {version}, newer than this build understands ({LatestVersion}); upgrade GtmGuard or point Sync:Store:Directory elsewhere.");
            }

            for (var next = version; next < LatestVersion; next++)
            {
                await SqliteCommands.ExecuteAsync(connection, Migrations[next], cancellationToken).ConfigureAwait(false);
            }

            await SqliteCommands.ExecuteAsync(connection, $"PRAGMA user_version = {LatestVersion};", cancellationToken).ConfigureAwait(false);
            await SqliteCommands.ExecuteAsync(connection, "COMMIT;", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await SqliteCommands.ExecuteAsync(connection, "ROLLBACK;", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
