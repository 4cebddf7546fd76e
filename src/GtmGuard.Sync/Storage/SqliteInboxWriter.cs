using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// The inbox's append path: on the store's write connection, one prepared statement whose parameters are rebound per
/// event, instead of a freshly bound command per statement. Appends take turns with every other write transaction of the
/// process on that connection's gate.
/// </summary>
internal sealed class SqliteInboxWriter
{
    /// <summary>One statement per event: stored as pending, or as a duplicate (settled on arrival) when its id is known.</summary>
    private const string AppendSql = """
        INSERT INTO inbox (vendor, event_id, record_key, event_type, occurred_at, payload, received_at, state, next_attempt_at, settled_at)
        VALUES ($vendor, $event_id, $record_key, $event_type, $occurred_at, $payload, $now,
                CASE WHEN $known THEN 'duplicate' ELSE 'pending' END, $now, CASE WHEN $known THEN $now END)
        RETURNING seq;
        """;

    private readonly SqliteWriteConnection _writer;
    private readonly InboxEventIdIndex _eventIds;
    private readonly TimeProvider _clock;
    private Statements? _statements;

    /// <param name="writer">The store's write connection; each append is one durable transaction on it.</param>
    /// <param name="eventIds">Knows which event ids the inbox holds (including earlier in the same transaction).</param>
    /// <param name="clock">Stamps each batch's arrival time, read under the write lock.</param>
    public SqliteInboxWriter(SqliteWriteConnection writer, InboxEventIdIndex eventIds, TimeProvider clock)
    {
        _writer = writer;
        _eventIds = eventIds;
        _clock = clock;
    }

    /// <summary>Stores every delivery's events in arrival order in ONE transaction; see <see cref="IInboxBatchStore"/>.</summary>
    public Task<IReadOnlyList<InboxAppendResult>> AppendAsync(IReadOnlyList<IReadOnlyList<IncomingEvent>> deliveries, CancellationToken cancellationToken) =>
        _writer.RunAsync<IReadOnlyList<InboxAppendResult>>(
            connection =>
            {
                // The statement belongs to the connection: prepared again only when the writer had to open a new one.
                var statements = _statements is { } current && current.Connection == connection ? current : _statements = new Statements(connection);
                _eventIds.BeginWrite(connection);
                return Task.FromResult<IReadOnlyList<InboxAppendResult>>(Append(connection, statements, deliveries));
            },
            durable: true,
            cancellationToken);

    private InboxAppendResult[] Append(SqliteConnection connection, Statements statements, IReadOnlyList<IReadOnlyList<IncomingEvent>> deliveries)
    {
        // Microsoft.Data.Sqlite runs statements synchronously either way; the synchronous calls skip a Task per statement.
        statements.Now.Value = SqliteValues.Ms(_clock.GetUtcNow());
        var results = new InboxAppendResult[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            var accepted = 0;
            foreach (var incoming in deliveries[i])
            {
                // A null that slipped past the types binds as NULL, so SQLite's NOT NULL refuses the batch as before.
                var vendor = incoming.Vendor.Label();
                var known = incoming.EventId is not null && _eventIds.Contains(connection, vendor, incoming.EventId);
                statements.Vendor.Value = vendor;
                statements.EventId.Value = OrNull(incoming.EventId);
                statements.RecordKey.Value = OrNull(incoming.RecordKey);
                statements.EventType.Value = OrNull(incoming.EventType);
                statements.OccurredAt.Value = SqliteValues.Ms(incoming.OccurredAt);
                statements.Payload.Value = OrNull(incoming.Payload);
                statements.Known.Value = known;
                var sequence = Convert.ToInt64(statements.Append.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                _eventIds.Add(vendor, incoming.EventId!, sequence, repeat: known);

                accepted += known ? 0 : 1;
            }

            results[i] = new InboxAppendResult(accepted, deliveries[i].Count - accepted);
        }

        return results;
    }

    private static object OrNull(string? value) => value ?? (object)DBNull.Value;

    /// <summary>The append statement prepared on one connection, with its parameters.</summary>
    private sealed class Statements
    {
        public Statements(SqliteConnection connection)
        {
            Connection = connection;
            Append = connection.CreateCommand();
#pragma warning disable CA2100 // SQL text is a constant of this type; every value is a bound parameter.
            Append.CommandText = AppendSql;
#pragma warning restore CA2100
            Vendor = Append.Parameters.Add("$vendor", SqliteType.Text);
            EventId = Append.Parameters.Add("$event_id", SqliteType.Text);
            RecordKey = Append.Parameters.Add("$record_key", SqliteType.Text);
            EventType = Append.Parameters.Add("$event_type", SqliteType.Text);
            OccurredAt = Append.Parameters.Add("$occurred_at", SqliteType.Integer);
            Payload = Append.Parameters.Add("$payload", SqliteType.Text);
            Now = Append.Parameters.Add("$now", SqliteType.Integer);
            Known = Append.Parameters.Add("$known", SqliteType.Integer);
            Append.Prepare();
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand Append { get; }

        public SqliteParameter Vendor { get; }

        public SqliteParameter EventId { get; }

        public SqliteParameter RecordKey { get; }

        public SqliteParameter EventType { get; }

        public SqliteParameter OccurredAt { get; }

        public SqliteParameter Payload { get; }

        public SqliteParameter Now { get; }

        public SqliteParameter Known { get; }
    }
}
