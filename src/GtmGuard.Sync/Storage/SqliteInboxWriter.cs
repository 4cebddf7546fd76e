using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// The inbox's append path: ONE long-lived connection with its statements prepared once and their parameters rebound
/// per event, instead of a pooled connection, its PRAGMAs and a freshly prepared command per statement. Appends are
/// serialised by the store's write gate, like every other write transaction of the process; after a failure the connection is dropped and
/// opened afresh on the next append, so a broken connection never outlives the batch that found it.
/// </summary>
internal sealed class SqliteInboxWriter : IDisposable
{
    /// <summary>
    /// One statement per event: known when the id was processed or is already in the inbox (including earlier in this
    /// transaction), stored as a duplicate then, as pending otherwise; returns 1 for a duplicate.
    /// </summary>
    private const string AppendSql = """
        INSERT INTO inbox (vendor, event_id, record_key, event_type, occurred_at, payload, received_at, state, next_attempt_at, settled_at)
        SELECT $vendor, $event_id, $record_key, $event_type, $occurred_at, $payload, $now,
               CASE WHEN known THEN 'duplicate' ELSE 'pending' END, $now, CASE WHEN known THEN $now END
        FROM (SELECT EXISTS (SELECT 1 FROM processed_events WHERE vendor = $vendor AND event_id = $event_id)
                  OR EXISTS (SELECT 1 FROM inbox WHERE vendor = $vendor AND event_id = $event_id) AS known)
        RETURNING state = 'duplicate';
        """;

    private readonly Func<SqliteConnection> _open;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate;
    private Statements? _statements;

    /// <param name="open">Opens a connection with the store's PRAGMAs applied; called once, and again after a failure.</param>
    /// <param name="writeGate">The store's gate for write transactions in this process; each append holds it.</param>
    /// <param name="clock">Stamps each batch's arrival time, read under the write lock.</param>
    public SqliteInboxWriter(Func<SqliteConnection> open, SemaphoreSlim writeGate, TimeProvider clock)
    {
        _open = open;
        _gate = writeGate;
        _clock = clock;
    }

    /// <summary>Stores every delivery's events in arrival order in ONE transaction; see <see cref="IInboxBatchStore"/>.</summary>
    public async Task<IReadOnlyList<InboxAppendResult>> AppendAsync(IReadOnlyList<IReadOnlyList<IncomingEvent>> deliveries, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var statements = _statements ??= new Statements(_open());
            try
            {
                return Append(statements, deliveries);
            }
            catch
            {
                statements.RollbackQuietly();
                statements.Dispose();
                _statements = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private InboxAppendResult[] Append(Statements statements, IReadOnlyList<IReadOnlyList<IncomingEvent>> deliveries)
    {
        // Microsoft.Data.Sqlite runs statements synchronously either way; the synchronous calls skip a Task per statement.
        statements.Begin.ExecuteNonQuery();
        statements.Now.Value = SqliteValues.Ms(_clock.GetUtcNow());
        var results = new InboxAppendResult[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            var accepted = 0;
            foreach (var incoming in deliveries[i])
            {
                // A null that slipped past the types binds as NULL, so SQLite's NOT NULL refuses the batch as before.
                statements.Vendor.Value = incoming.Vendor.Label();
                statements.EventId.Value = OrNull(incoming.EventId);
                statements.RecordKey.Value = OrNull(incoming.RecordKey);
                statements.EventType.Value = OrNull(incoming.EventType);
                statements.OccurredAt.Value = SqliteValues.Ms(incoming.OccurredAt);
                statements.Payload.Value = OrNull(incoming.Payload);
                var duplicate = Convert.ToInt64(statements.Append.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
                accepted += duplicate ? 0 : 1;
            }

            results[i] = new InboxAppendResult(accepted, deliveries[i].Count - accepted);
        }

        statements.Commit.ExecuteNonQuery();
        return results;
    }

    private static object OrNull(string? value) => value ?? (object)DBNull.Value;

    public void Dispose()
    {
        _statements?.Dispose();
        _statements = null;
    }

    /// <summary>The writer's connection and its prepared statements.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _rollback;

        public Statements(SqliteConnection connection)
        {
            _connection = connection;
            try
            {
                Begin = Prepared("BEGIN IMMEDIATE;");
                Commit = Prepared("COMMIT;");
                _rollback = Prepared("ROLLBACK;");
                Append = Prepared(AppendSql);
                Vendor = Append.Parameters.Add("$vendor", SqliteType.Text);
                EventId = Append.Parameters.Add("$event_id", SqliteType.Text);
                RecordKey = Append.Parameters.Add("$record_key", SqliteType.Text);
                EventType = Append.Parameters.Add("$event_type", SqliteType.Text);
                OccurredAt = Append.Parameters.Add("$occurred_at", SqliteType.Integer);
                Payload = Append.Parameters.Add("$payload", SqliteType.Text);
                Now = Append.Parameters.Add("$now", SqliteType.Integer);
                Append.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public SqliteCommand Begin { get; }

        public SqliteCommand Commit { get; }

        public SqliteCommand Append { get; }

        public SqliteParameter Vendor { get; }

        public SqliteParameter EventId { get; }

        public SqliteParameter RecordKey { get; }

        public SqliteParameter EventType { get; }

        public SqliteParameter OccurredAt { get; }

        public SqliteParameter Payload { get; }

        public SqliteParameter Now { get; }

        /// <summary>Rolls back if a transaction is still open; SQLite may already have ended it, and the original error matters more.</summary>
        public void RollbackQuietly()
        {
            try
            {
                _rollback.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // No transaction left to roll back.
            }
            catch (InvalidOperationException)
            {
                // The connection itself is unusable; it is dropped next.
            }
        }

        public void Dispose()
        {
            Begin.Dispose();
            Commit.Dispose();
            _rollback.Dispose();
            Append.Dispose();
            _connection.Dispose();
        }

        private SqliteCommand Prepared(string sql)
        {
            var command = _connection.CreateCommand();
#pragma warning disable CA2100 // SQL text is a constant of this type; every value is a bound parameter.
            command.CommandText = sql;
#pragma warning restore CA2100
            return command;
        }
    }
}
