using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// The ONE connection every write transaction of a store runs on, taking turns on a gate. Sharing it matters for speed:
/// SQLite drops a connection's whole page cache when it finds that another connection wrote since its last transaction,
/// so writers on separate connections (intake appends, processor settles, outbox) would keep re-reading the same index
/// pages; and the statements prepared on it stay prepared. After a failed transaction the connection is dropped and
/// opened afresh on the next write, so a broken connection never outlives the transaction that found it.
/// </summary>
internal sealed class SqliteWriteConnection : IDisposable
{
    private readonly Func<SqliteConnection> _open;
    private readonly string _durableSynchronous;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool? _durable;

    /// <param name="open">Opens a connection with the store's PRAGMAs applied (its commits durable).</param>
    /// <param name="durableSynchronous">The <c>synchronous</c> setting of a durable commit: FULL, or NORMAL when the store is configured without fsyncs.</param>
    public SqliteWriteConnection(Func<SqliteConnection> open, string durableSynchronous)
    {
        _open = open;
        _durableSynchronous = durableSynchronous;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction and commits it; rolls back and rethrows on
    /// failure. With <paramref name="durable"/> false the commit skips its fsync (<c>synchronous=NORMAL</c>).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, bool durable, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _connection ??= _open();
            try
            {
                if (_durable != durable)
                {
                    // Outside a transaction, as SQLite requires; the setting stays until the next switch.
                    await SqliteCommands.ExecuteAsync(connection, durable ? $"PRAGMA synchronous = {_durableSynchronous};" : "PRAGMA synchronous = NORMAL;", cancellationToken).ConfigureAwait(false);
                    _durable = durable;
                }

                await SqliteCommands.ExecuteAsync(connection, "BEGIN IMMEDIATE;", cancellationToken).ConfigureAwait(false);
                var result = await work(connection).ConfigureAwait(false);
                await SqliteCommands.ExecuteAsync(connection, "COMMIT;", CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch
            {
                RollbackQuietly(connection);
                Drop();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
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
        _durable = null;
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
