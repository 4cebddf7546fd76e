using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// Which inbox rows hold an event id, kept in memory instead of in a SQLite index. Vendor event ids are random (a
/// HubSpot event id, a hash of a Clay row), so every new id in a B-tree index dirtied one random page of it: a log frame
/// and a checkpoint write per webhook, under the write lock, which made that lock the intake's ceiling. Here an id maps
/// to the sequence numbers of the rows holding it, by a 64-bit hash; every answer is checked against those rows, so a
/// hash collision or a purged row never changes a result, only costs a read.
/// <para>
/// Rows written elsewhere (another process or store on the file) are folded in by sequence number, as the inbox's
/// sequence only grows: at the start of each write transaction and before each read. For each id it keeps the row that
/// first held it (plus any copy added behind the intake's back) and the newest repeat (a row stored as <c>duplicate</c>),
/// which a purge removes last, so an id stays known while any row holding it is kept, as with the index it replaces.
/// </para>
/// </summary>
internal sealed class InboxEventIdIndex
{
    private const string NewRowsSql = "SELECT seq, vendor, event_id, state FROM inbox WHERE seq > $after ORDER BY seq;";
    private const string RowSql = "SELECT vendor, event_id, state FROM inbox WHERE seq = $seq;";

    private readonly Lock _lock = new();
    private readonly Func<string, string, ulong> _hash;

    /// <summary>Hash of (vendor, event id) → the first row holding it as an event; further such rows are in <see cref="_more"/>.</summary>
    private readonly Dictionary<ulong, long> _first = [];
    private readonly Dictionary<ulong, List<long>> _more = [];

    /// <summary>Hash → the newest row holding the id as a repeat.</summary>
    private readonly Dictionary<ulong, long> _newestRepeat = [];

    /// <summary>Every row up to this sequence number is folded in.</summary>
    private long _through;

    /// <summary><see cref="_through"/> when the current write transaction began: what a rollback returns to.</summary>
    private long _throughAtWriteStart;

    /// <summary>Whether the current write transaction added rows (only then does a rollback rewind).</summary>
    private bool _addedSinceWriteStart;

    /// <summary>Whether the current write transaction removed rows (a rollback then brings them back: read everything again).</summary>
    private bool _removedSinceWriteStart;

    public InboxEventIdIndex()
        : this(XxHash)
    {
    }

    /// <param name="hash">Hashes a (vendor label, event id); a test may make every id collide.</param>
    internal InboxEventIdIndex(Func<string, string, ulong> hash)
    {
        _hash = hash;
    }

    /// <summary>Whether the rows already in the file were read (the first catch-up reads them all).</summary>
    public bool Loaded { get; private set; }

    /// <summary>Folds in the rows added since the last catch-up (all of them the first time), on any connection.</summary>
    public void CatchUp(SqliteConnection connection)
    {
        lock (_lock)
        {
            CatchUpLocked(connection);
        }
    }

    /// <summary>
    /// Called first in a write transaction that uses the index, under <c>BEGIN IMMEDIATE</c> (so nothing unseen can be
    /// added while it runs): catches up and remembers where a rollback returns to.
    /// </summary>
    public void BeginWrite(SqliteConnection connection)
    {
        lock (_lock)
        {
            CatchUpLocked(connection);
            _throughAtWriteStart = _through;
            _addedSinceWriteStart = _removedSinceWriteStart = false;
        }
    }

    /// <summary>
    /// After a write transaction failed (it is rolled back): the sequence numbers it took may be given to other rows, so
    /// they are read again, and entries it added stay until a lookup finds their rows gone or holding another id; rows
    /// it deleted come back, so then everything is read again.
    /// </summary>
    public void RolledBack()
    {
        lock (_lock)
        {
            if (_removedSinceWriteStart)
            {
                _first.Clear();
                _more.Clear();
                _newestRepeat.Clear();
                _through = 0;
                Loaded = false;
            }
            else if (_addedSinceWriteStart)
            {
                _through = Math.Min(_through, _throughAtWriteStart);
            }

            _addedSinceWriteStart = _removedSinceWriteStart = false;
        }
    }

    /// <summary>Whether a kept row holds this event id; on the write connection, after <see cref="BeginWrite"/>.</summary>
    public bool Contains(SqliteConnection connection, string vendor, string eventId) =>
        AnyRow(connection, vendor, eventId, exceptSequence: null, includeRepeats: true, onWriteConnection: true, static _ => true);

    /// <summary>Records the row <paramref name="sequence"/>, just inserted by the current write transaction.</summary>
    public void Add(string vendor, string eventId, long sequence, bool repeat)
    {
        lock (_lock)
        {
            // Not loaded yet: the first catch-up reads this row with all the others.
            if (Loaded && sequence > _through)
            {
                Index(_hash(vendor, eventId), sequence, repeat);
                _through = sequence;
                _addedSinceWriteStart = true;
            }
        }
    }

    /// <summary>
    /// Whether a row holding the same event id, other than <paramref name="exceptSequence"/>, was processed (applied or
    /// stale); on the write connection, after <see cref="BeginWrite"/>.
    /// </summary>
    public bool ProcessedElsewhere(SqliteConnection connection, string vendor, string eventId, long exceptSequence) =>
        AnyRow(connection, vendor, eventId, exceptSequence, includeRepeats: false, onWriteConnection: true, IsProcessed);

    /// <summary>As <see cref="ProcessedElsewhere"/> for any row, on a read connection: as of its last commit.</summary>
    public bool ProcessedAsOfLastCommit(SqliteConnection connection, string vendor, string eventId, long? exceptSequence)
    {
        // Caught up and looked up in one hold of the lock, so a rollback that clears the index cannot come in between.
        var hash = _hash(vendor, eventId);
        long[] candidates;
        lock (_lock)
        {
            CatchUpLocked(connection);
            candidates = Candidates(hash, exceptSequence, includeRepeats: false);
        }

        return AnyRow(connection, vendor, eventId, hash, candidates, onWriteConnection: false, IsProcessed);
    }

    /// <summary>Forgets a row the current write transaction deleted (after <see cref="BeginWrite"/>).</summary>
    public void Remove(string vendor, string eventId, long sequence)
    {
        lock (_lock)
        {
            Unindex(_hash(vendor, eventId), sequence);
            _removedSinceWriteStart = true;
        }
    }

    private static bool IsProcessed(string state) => state is "applied" or "stale";

    /// <summary>Under the lock. <see cref="_through"/> moves row by row, so a failure half-way leaves a consistent state.</summary>
    private void CatchUpLocked(SqliteConnection connection)
    {
        using var reader = Command(connection, NewRowsSql, "$after", _through).ExecuteReader();
        while (reader.Read())
        {
            var sequence = reader.GetInt64(0);
            Index(_hash(reader.GetString(1), reader.GetString(2)), sequence, repeat: reader.GetString(3) == "duplicate");
            _through = sequence;
        }

        Loaded = true;
    }

    /// <summary>
    /// Whether a row holding exactly this id (not <paramref name="exceptSequence"/>) has a state that <paramref name="matches"/>.
    /// The candidates are taken under the lock and read outside it. On the write connection a missing row was purged
    /// and is forgotten; a read connection may just not see it yet.
    /// </summary>
    private bool AnyRow(SqliteConnection connection, string vendor, string eventId, long? exceptSequence, bool includeRepeats, bool onWriteConnection, Func<string, bool> matches)
    {
        var hash = _hash(vendor, eventId);
        long[] candidates;
        lock (_lock)
        {
            candidates = Candidates(hash, exceptSequence, includeRepeats);
        }

        return AnyRow(connection, vendor, eventId, hash, candidates, onWriteConnection, matches);
    }

    private bool AnyRow(SqliteConnection connection, string vendor, string eventId, ulong hash, long[] candidates, bool onWriteConnection, Func<string, bool> matches)
    {
        foreach (var sequence in candidates)
        {
            using var reader = Command(connection, RowSql, "$seq", sequence).ExecuteReader();
            if (!reader.Read())
            {
                if (onWriteConnection)
                {
                    lock (_lock)
                    {
                        Unindex(hash, sequence);
                    }
                }
            }
            else if (reader.GetString(0) == vendor && reader.GetString(1) == eventId && matches(reader.GetString(2)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The rows that may hold an id with this hash. The usual cases allocate nothing: an unknown id, and a settle asking
    /// about its own event (the only row holding the id).
    /// </summary>
    private long[] Candidates(ulong hash, long? exceptSequence, bool includeRepeats)
    {
        var hasFirst = _first.TryGetValue(hash, out var first);
        var repeat = 0L;
        var hasRepeat = includeRepeats && _newestRepeat.TryGetValue(hash, out repeat);
        List<long>? more = null;
        if (hasFirst)
        {
            _more.TryGetValue(hash, out more);
        }

        if (!hasRepeat && more is null)
        {
            return !hasFirst || first == exceptSequence ? [] : [first];
        }

        var candidates = new List<long>(2 + (more?.Count ?? 0));
        if (hasFirst)
        {
            candidates.Add(first);
            candidates.AddRange(more ?? []);
        }

        if (hasRepeat)
        {
            candidates.Add(repeat);
        }

        if (exceptSequence is { } except)
        {
            candidates.Remove(except);
        }

        return [.. candidates];
    }

    private void Index(ulong hash, long sequence, bool repeat)
    {
        if (repeat)
        {
            // Two ids with one hash share this slot: only the newer repeat of the two is remembered, which matters only
            // if a purge then removes the other's first row but not its repeat.
            _newestRepeat[hash] = sequence;
        }
        else if (!_first.TryAdd(hash, sequence) && _first[hash] != sequence)
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
        if (_newestRepeat.TryGetValue(hash, out var repeat) && repeat == sequence)
        {
            _newestRepeat.Remove(hash);
        }

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

    /// <summary>The vendor label seeds the hash: any label, including one a newer build wrote, needs no parsing here.</summary>
    private static ulong XxHash(string vendor, string eventId) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()), unchecked((long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(vendor.AsSpan()))));

    /// <summary>The connection's prepared statement for <paramref name="sql"/>, its one parameter set; run synchronously.</summary>
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
