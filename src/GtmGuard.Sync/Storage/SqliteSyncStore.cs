using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// The embedded <see cref="ISyncStore"/>: one SQLite file in WAL mode, so readers never block the writer. Every change
/// runs in a <c>BEGIN IMMEDIATE</c> transaction (writers queue for the busy timeout instead of failing), so several
/// workers, and several processes on one machine, can share the file.
/// </summary>
public sealed partial class SqliteSyncStore : ISyncStore, IInboxBatchStore, IAsyncDisposable
{
    private readonly SyncStoreOptions _options;
    private readonly TimeProvider _clock;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _initGate = new(1, 1);

    /// <summary>
    /// Every write transaction of this store runs on this one connection, taking turns: a waiting writer wakes the moment
    /// the previous one commits, where SQLite's busy handler would poll with sleeps of up to 100 ms. Other processes
    /// on the same file still meet the busy timeout.
    /// </summary>
    private readonly SqliteWriteConnection _writer;
    private readonly WalFileSync? _walSync;
    private readonly SqliteInboxWriter _inboxWriter;
    private readonly InboxEventIdIndex _eventIds = new();
    private readonly string _writerConnectionString;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, string> ConfiguredHandles = [];
    private volatile bool _initialized;
    private string? _connectionPragmas;

    public SqliteSyncStore(SyncStoreOptions options, TimeProvider clock)
        : this(options, clock, flushFile: null)
    {
    }

    /// <param name="options">Where the file lives and how it commits.</param>
    /// <param name="clock">Stamps what the store records.</param>
    /// <param name="flushFile">Flushes a file to disk for durable commits; a test may fail it. Null: the real fsync.</param>
    internal SqliteSyncStore(SyncStoreOptions options, TimeProvider clock, Action<string>? flushFile)
    {
        _options = options;
        _clock = clock;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        // Its own, never pooled: it commits without fsyncs (durable commits are synced outside its gate), and it lives as
        // long as the store.
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _walSync = options.DurableCommits ? new WalFileSync(options.DatabasePath, flushFile) : null;
        _writer = new SqliteWriteConnection(OpenWriteConnection, _walSync, _eventIds.RolledBack);
        _inboxWriter = new SqliteInboxWriter(_writer, _eventIds, clock);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _options.DatabasePath;

    /// <summary>Creates the folder and file and migrates the schema; other methods call it on first use.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                CreateOwnerOnlyFile(_options.DatabasePath);
                await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await SqliteSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>
    /// The store holds rotated refresh tokens and redacted exchanges: a new database is created readable by its owner
    /// only (SQLite gives its -wal and -shm files the database file's permissions), in a folder only the owner can list.
    /// </summary>
    private static void CreateOwnerOnlyFile(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (File.Exists(databasePath))
        {
            return;
        }

        try
        {
            using var created = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(databasePath))
        {
            // Another process created it first; SQLite opens it as it is.
        }
    }

    /// <summary>Closes pooled connections so the file can be moved or deleted.</summary>
    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // PRAGMAs belong to the native connection, which the pool hands out again (to any store on the same file):
            // run them only when this native connection does not already have exactly these.
            var pragmas = ConnectionPragmas();
            if (!ConfiguredHandles.TryGetValue(connection.Handle!, out var applied) || !string.Equals(applied, pragmas, StringComparison.Ordinal))
            {
                await SqliteCommands.ExecuteAsync(connection, pragmas, cancellationToken).ConfigureAwait(false);
                ConfiguredHandles.AddOrUpdate(connection.Handle!, pragmas);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>fsync calls that made durable commits durable so far (each serves every commit that finished before it).</summary>
    internal long WalSyncRounds => _walSync?.Rounds ?? 0;

    /// <summary>The write connection (opened after initialisation): the store's PRAGMAs, commits unsynced, its checkpoint interval.</summary>
    private SqliteConnection OpenWriteConnection()
    {
        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
#pragma warning disable CA2100 // Built from this store's own options, no outside text.
            pragmas.CommandText = ConnectionPragmas() + string.Create(CultureInfo.InvariantCulture, $" PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {_options.WalCheckpointPages};");
#pragma warning restore CA2100
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private string DurableSynchronous => _options.DurableCommits ? "FULL" : "NORMAL";

    private string ConnectionPragmas() => _connectionPragmas ??=
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {DurableSynchronous};");

    /// <summary>A connection for reads: each statement sees the last committed state.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, taking the write lock up front; <c>now</c> is read under the lock.</summary>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, long, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, durable: true, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync{T}(Func{SqliteConnection, long, Task{T}}, CancellationToken)"/>; with <paramref name="durable"/>
    /// false the commit skips its fsync (<c>synchronous=NORMAL</c>), for changes a power cut may undo harmlessly, such
    /// as leases. In WAL mode the next durable commit syncs it too, as the log is written in order.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, long, Task<T>> work, bool durable, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.RunAsync(connection => work(connection, SqliteValues.Ms(_clock.GetUtcNow())), durable, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteCommands.QueryAsync(connection, sql, map, cancellationToken, parameters).ConfigureAwait(false);
    }
}
