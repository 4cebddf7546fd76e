using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Sync.Tests.Storage;

/// <summary>A real SQLite store file in its own temp folder on a fake clock; deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, FakeTimeProvider clock)
    {
        Directory = directory;
        Clock = clock;
        Store = Open();
    }

    public string Directory { get; }

    public FakeTimeProvider Clock { get; }

    public SqliteSyncStore Store { get; private set; }

    public SyncStoreOptions Options => new() { Directory = Directory, BusyTimeout = TimeSpan.FromSeconds(30) };

    public static TempStore Create(FakeTimeProvider? clock = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gtmguard-sync-tests", Guid.NewGuid().ToString("N"));
        return new TempStore(directory, clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>A second store on the same file, as another process would open it.</summary>
    public SqliteSyncStore Open() => new(Options, Clock);

    /// <summary>Closes the store and opens the file again, as a restarted process would.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Store = Open();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    public static IncomingEvent Event(string eventId, string recordKey, DateTimeOffset occurredAt, VendorId vendor = VendorId.HubSpot, string type = "contact.propertyChange") =>
        new(vendor, eventId, recordKey, type, occurredAt, $$"""{"eventId":"{{eventId}}"}""");
}
