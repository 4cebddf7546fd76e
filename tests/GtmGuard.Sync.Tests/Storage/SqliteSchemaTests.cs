using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SqliteSchemaTests : IAsyncLifetime
{
    private readonly TempStore _temp = TempStore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private async Task<string> PragmaAsync(string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={_temp.Options.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task Initialize_CreatesTheFolderAndAWalFileAtTheLatestVersion()
    {
        await _temp.Store.InitializeAsync(default);

        Assert.True(File.Exists(Path.Combine(_temp.Directory, "sync.db")));
        Assert.Equal("wal", await PragmaAsync("journal_mode"));
        Assert.Equal(SqliteSchema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), await PragmaAsync("user_version"));
    }

    [Fact]
    public async Task ANewDatabase_AndItsWalFiles_AreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await _temp.Store.AddDeadLetterAsync(new NewDeadLetter("wf", VendorId.Clay, "op", "Validation", null, new RecordedRequest("POST", "/", new Dictionary<string, string>(), null), null, 1), default);

        const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var database = Path.Combine(_temp.Directory, "sync.db");
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(database + "-wal"));
    }

    [Fact]
    public async Task Reopening_AnExistingFile_KeepsItsData()
    {
        await _temp.Store.AddDeadLetterAsync(new NewDeadLetter("wf", VendorId.Clay, "op", "Validation", null, new RecordedRequest("POST", "/", new Dictionary<string, string>(), null), null, 1), default);

        await _temp.ReopenAsync();
        await _temp.Store.InitializeAsync(default);

        Assert.Single(await _temp.Store.ListDeadLettersAsync(new DeadLetterFilter(), default));
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(100_000, true)]
    public async Task TheWriteConnection_CheckpointsTheLogAfterTheConfiguredNumberOfPages(int checkpointPages, bool logKeepsEveryPage)
    {
        await using var store = new SqliteSyncStore(new SyncStoreOptions { Directory = _temp.Directory, WalCheckpointPages = checkpointPages }, _temp.Clock);
        // 60 commits of an 8 KB payload each: well over 100 log pages in all.
        var payload = new string('x', 8 * 1024);
        for (var i = 0; i < 60; i++)
        {
            await store.AppendInboxEventsAsync([TempStore.Event($"e{i}", $"contact:{i}", _temp.Clock.GetUtcNow()) with { Payload = payload }], default);
        }

        // The log's length in pages, read by a passive checkpoint of another connection (it reports before it copies).
        await using var connection = new SqliteConnection($"Data Source={_temp.Options.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var logPages = reader.GetInt64(1);

        Assert.Equal(logKeepsEveryPage, logPages > 150);
    }

    [Fact]
    public async Task AFileFromANewerBuild_IsRefusedWithAClearMessage()
    {
        await _temp.Store.InitializeAsync(default);
        await PragmaAsync("user_version = 99");
        await _temp.ReopenAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _temp.Store.InitializeAsync(default));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sync:Store:Directory", error.Message, StringComparison.Ordinal);
    }
}
