using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Sync.Storage;

/// <summary>Where and how the embedded SQLite store keeps its file (section <c>Sync:Store</c>).</summary>
public sealed class SyncStoreOptions
{
    public const string Section = "Sync:Store";

    /// <summary>Folder of the database file, relative to the working directory unless rooted.</summary>
    [Required]
    public string Directory { get; set; } = "./.gtmguard";

    [Required]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "must be a file name, not a path")]
    public string FileName { get; set; } = "sync.db";

    /// <summary>How long a writer waits for another writer's transaction before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sync every durable commit to disk before it returns (an fsync of the log, taken outside the write lock and shared
    /// by the commits waiting for it), so an acknowledged webhook survives a power cut too; off, commits survive a
    /// process crash but the last ones may be lost with the machine.
    /// </summary>
    public bool DurableCommits { get; set; } = true;

    /// <summary>
    /// Log pages the write connection lets the WAL collect before it copies them into the database file (SQLite
    /// <c>wal_autocheckpoint</c>). SQLite's default of 1,000 checkpoints several times a second under webhook load and
    /// copies the same hot index pages each time; 10,000 (about 40 MB of log) copies each of them once per interval.
    /// </summary>
    [Range(100, 1_000_000)]
    public int WalCheckpointPages { get; set; } = 10_000;

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(Directory, FileName));
}
