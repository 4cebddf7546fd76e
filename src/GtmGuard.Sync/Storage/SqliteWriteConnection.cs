using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// The ONE connection every write transaction of a store runs on, taking turns on a gate. Sharing it matters for speed:
/// SQLite drops a connection's whole page cache when it finds that another connection wrote since its last transaction,
/// so writers on separate connections (intake appends, processor settles, outbox) would keep re-reading the same index
/// pages; and the statements prepared on it stay prepared. After a failed transaction the connection is dropped and
/// opened afresh on the next write, so a broken connection never outlives the transaction that found it. Its commits
/// are not synced under the gate (<c>synchronous=NORMAL</c>); a durable one is synced after the gate is released, by
/// <see cref="WalFileSync"/>.
/// </summary>
internal sealed class SqliteWriteConnection : IDisposable
{
    private readonly Func<SqliteConnection> _open;
    private readonly WalFileSync? _walSync;
    private readonly Action? _rolledBack;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    /// <param name="open">Opens a connection with the store's PRAGMAs applied and <c>synchronous=NORMAL</c>.</param>
    /// <param name="walSync">Syncs durable commits; null when the store is configured without fsyncs.</param>
    /// <param name="rolledBack">
    /// Runs under the gate when a transaction failed (it is rolled back next), before the next one starts: for state kept
    /// in memory alongside the file, which must not outlive changes that never committed.
    /// </param>
    public SqliteWriteConnection(Func<SqliteConnection> open, WalFileSync? walSync, Action? rolledBack = null)
    {
        _open = open;
        _walSync = walSync;
        _rolledBack = rolledBack;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction and commits it; rolls back and rethrows on
    /// failure. With <paramref name="durable"/> true it completes only once the commit is on disk; false, for changes a
    /// power cut may undo harmlessly (the next durable commit syncs them anyway: the log is written in order).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, bool durable, CancellationToken cancellationToken)
    {
        T result;
        long commit;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _connection ??= _open();
            try
            {
                await SqliteCommands.ExecuteAsync(connection, "BEGIN IMMEDIATE;", cancellationToken).ConfigureAwait(false);
                result = await work(connection).ConfigureAwait(false);
                await SqliteCommands.ExecuteAsync(connection, "COMMIT;", CancellationToken.None).ConfigureAwait(false);
                commit = _walSync?.Committed() ?? 0;
            }
            catch
            {
                _rolledBack?.Invoke();
                RollbackQuietly(connection);
                Drop();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (durable && _walSync is not null)
        {
            await _walSync.WaitDurableAsync(commit).ConfigureAwait(false);
        }

        return result;
    }

    public void Dispose()
    {
        Drop();
        _gate.Dispose();
    }

    private void Drop()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Rolls back if a transaction is still open; SQLite may already have ended it, and the original error matters more.</summary>
    private static void RollbackQuietly(SqliteConnection connection)
    {
        try
        {
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
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
}
