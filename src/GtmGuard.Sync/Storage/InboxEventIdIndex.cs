using System.IO.Hashing;
using System.Runtime.InteropServices;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// Which inbox rows hold an event id, kept in memory instead of in a SQLite index. Vendor event ids are random (a
/// HubSpot event id, a hash of a Clay row), so every new id in a B-tree index dirtied one random page of it: a log frame
/// and a checkpoint write per webhook, under the write lock, which made that lock the intake's ceiling. Here an id maps
/// to the sequence numbers of the rows holding it, by a 64-bit hash; every answer is then checked against those rows, so
/// a hash collision or a purged row never changes a result, only costs a read.
/// <para>
/// Rows written elsewhere (another process or store on the file) are folded in by sequence number before each use, as
/// the inbox's sequence only grows. A rolled-back transaction or a purge clears the map; the next use reloads it.
/// Repeats (rows stored as <c>duplicate</c>) are not indexed: an id is known while the row that first held it is kept.
/// </para>
/// </summary>
internal sealed class InboxEventIdIndex
{
    private const string NewRowsSql = "SELECT seq, vendor, event_id FROM inbox WHERE seq > $after AND state <> 'duplicate' ORDER BY seq;";
    private const string RowSql = "SELECT vendor, event_id, state FROM inbox WHERE seq = $seq;";

    private readonly Lock _lock = new();
    private readonly Func<VendorId, string, ulong> _hash;

    /// <summary>Hash of (vendor, event id) → the first row holding it; further rows with the same hash are in <see cref="_more"/>.</summary>
    private readonly Dictionary<ulong, long> _first = [];
    private readonly Dictionary<ulong, List<long>> _more = [];
    private long _through;
    private bool _loaded;

    public InboxEventIdIndex()
        : this(XxHash)
    {
    }

    /// <param name="hash">Hashes a (vendor, event id); a test may make every id collide.</param>
    internal InboxEventIdIndex(Func<VendorId, string, ulong> hash)
    {
        _hash = hash;
    }

    /// <summary>
    /// Folds in the rows added since the last call (all rows, the first time). A write transaction calls it once at its
    /// start, under <c>BEGIN IMMEDIATE</c>, so nothing it has not seen can be added while it runs.
    /// </summary>
    public void CatchUp(SqliteConnection connection)
    {
        lock (_lock)
        {
            var command = Command(connection, NewRowsSql, "$after", _through);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var sequence = reader.GetInt64(0);
                Index(Hash(SqliteValues.Vendor(reader.GetString(1)), reader.GetString(2)), sequence);
                _through = sequence;
            }

            _loaded = true;
        }
    }

    /// <summary>Whether a kept row, other than a repeat, holds this event id; on the write connection, after <see cref="CatchUp"/>.</summary>
    public bool Contains(SqliteConnection connection, VendorId vendor, string eventId) =>
        AnyRow(connection, vendor, eventId, exceptSequence: null, onWriteConnection: true, static _ => true);

    /// <summary>Records that the row <paramref name="sequence"/>, just inserted by the current write transaction, holds the id.</summary>
    public void Add(VendorId vendor, string eventId, long sequence)
    {
        lock (_lock)
        {
            // Not loaded: the next catch-up reads this row with all the others.
            if (_loaded && sequence > _through)
            {
                Index(Hash(vendor, eventId), sequence);
                _through = sequence;
            }
        }
    }

    /// <summary>
    /// Whether another row holding the same event id was processed (applied or stale), after <see cref="CatchUp"/> on the
    /// same connection: exact on the write connection, as of the last commit on a read connection.
    /// </summary>
    public bool ProcessedElsewhere(SqliteConnection connection, VendorId vendor, string eventId, long? exceptSequence, bool onWriteConnection) =>
        AnyRow(connection, vendor, eventId, exceptSequence, onWriteConnection, static state => state is "applied" or "stale");

    /// <summary>Drops everything; the next catch-up reloads from the file. Called when a write transaction rolls back and after a purge.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _first.Clear();
            _more.Clear();
            _through = 0;
            _loaded = false;
        }
    }

    /// <summary>
    /// Whether a row holding exactly this id (not <paramref name="exceptSequence"/>) has a state that <paramref name="matches"/>.
    /// On the write connection a missing row was purged and is forgotten; a read connection may just not see it yet.
    /// </summary>
    private bool AnyRow(SqliteConnection connection, VendorId vendor, string eventId, long? exceptSequence, bool onWriteConnection, Func<string, bool> matches)
    {
        var hash = Hash(vendor, eventId);
        lock (_lock)
        {
            if (!_first.TryGetValue(hash, out var first))
            {
                return false;
            }

            List<long> candidates = _more.TryGetValue(hash, out var more) ? [first, .. more] : [first];
            foreach (var sequence in candidates)
            {
                if (sequence == exceptSequence)
                {
                    continue;
                }

                using var reader = Command(connection, RowSql, "$seq", sequence).ExecuteReader();
                if (!reader.Read())
                {
                    if (onWriteConnection)
                    {
                        Unindex(hash, sequence);
                    }
                }
                else if (reader.GetString(0) == vendor.Label() && reader.GetString(1) == eventId && matches(reader.GetString(2)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private void Index(ulong hash, long sequence)
    {
        if (!_first.TryAdd(hash, sequence) && _first[hash] != sequence)
        {
            ref var more = ref CollectionsMarshal.GetValueRefOrAddDefault(_more, hash, out _);
            more ??= [];
            if (!more.Contains(sequence))
            {
                more.Add(sequence);
            }
        }
    }

    private void Unindex(ulong hash, long sequence)
    {
        if (_more.TryGetValue(hash, out var more))
        {
            if (_first[hash] == sequence)
            {
                _first[hash] = more[0];
                more.RemoveAt(0);
            }
            else
            {
                more.Remove(sequence);
            }

            if (more.Count == 0)
            {
                _more.Remove(hash);
            }
        }
        else if (_first.TryGetValue(hash, out var only) && only == sequence)
        {
            _first.Remove(hash);
        }
    }

    private ulong Hash(VendorId vendor, string eventId) => _hash(vendor, eventId);

    private static ulong XxHash(VendorId vendor, string eventId) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()), (long)vendor);

    /// <summary>The connection's prepared statement for <paramref name="sql"/>, its one parameter set; run synchronously, as this runs under a lock.</summary>
    private static SqliteCommand Command(SqliteConnection connection, string sql, string name, long value)
    {
        var command = SqliteCommands.Prepared(connection, sql);
        if (command.Parameters.Count == 0)
        {
            command.Parameters.Add(name, SqliteType.Integer);
        }

        command.Parameters[0].Value = value;
        return command;
    }
}
