namespace GtmGuard.Sync.Storage;

/// <summary>
/// Makes committed transactions durable with an fsync of the store's WAL file taken OUTSIDE the write gate, shared by
/// every commit waiting at the time (group commit). The write connection commits with <c>synchronous=NORMAL</c>: the
/// commit's log frames are written but not synced, so the next transaction can start at once, and the fsync of one
/// writer overlaps the next writer's work instead of holding the gate.
/// </summary>
/// <remarks>
/// Why this is as safe as <c>synchronous=FULL</c> for an acknowledgement given after <see cref="WaitDurableAsync"/>:
/// an fsync of the WAL file flushes every frame written before it, whoever wrote it. A frame can leave the WAL before
/// that only through a checkpoint, and SQLite (in NORMAL mode too) syncs the log before copying it and the database file
/// before it counts the frames as copied and lets a writer restart the log over them. If the WAL file is gone, the last
/// connection closed it after a full checkpoint, which synced the database file; that file is synced here then.
/// <para>
/// A failed fsync fails closed: its waiters and every later durable commit fail until the process restarts. After an
/// fsync error Linux may mark the unwritten pages clean, so a later fsync can report success for frames the disk never
/// got; trusting it would acknowledge commits whose log has a hole before them.
/// </para>
/// </remarks>
internal sealed class WalFileSync
{
    private readonly string _databasePath;
    private readonly Action<string> _flushFile;
    private readonly Lock _lock = new();
    private long _committed;
    private long _durable;
    private Task? _round;
    private Exception? _failure;

    /// <param name="databasePath">The database file; its log is the file next to it with <c>-wal</c> appended.</param>
    /// <param name="flushFile">Flushes one file to disk; a test may watch or hold it.</param>
    public WalFileSync(string databasePath, Action<string>? flushFile = null)
    {
        _databasePath = databasePath;
        _flushFile = flushFile ?? FlushFile;
    }

    /// <summary>fsync calls made so far (each serves every commit that finished before it started).</summary>
    public long Rounds { get; private set; }

    /// <summary>Numbers a finished commit; call it under the write gate, right after <c>COMMIT</c> returned.</summary>
    public long Committed() => Interlocked.Increment(ref _committed);

    /// <summary>
    /// Completes once commit number <paramref name="commit"/> is on disk: joins the fsync under way if it started after
    /// that commit, else waits for it and starts the next one. Throws the file system's error when the fsync failed
    /// (the commit stands, but is not known durable), and an <see cref="IOException"/> naming that error for every
    /// commit after it.
    /// </summary>
    public async Task WaitDurableAsync(long commit)
    {
        while (true)
        {
            Task round;
            lock (_lock)
            {
                if (_durable >= commit)
                {
                    return;
                }

                if (_failure is { } failure)
                {
                    throw new IOException(
                        $"The sync store's log could not be flushed to disk earlier ({failure.Message}); durable commits are refused until the process restarts, because a later flush could report success for pages the failed one lost.",
                        failure);
                }

                round = _round ??= Task.Run(SyncRound);
            }

            await round.ConfigureAwait(false);
        }
    }

    private void SyncRound()
    {
        // Every commit numbered so far has written its frames: the fsync below covers all of them.
        var covered = Interlocked.Read(ref _committed);
        try
        {
            Flush();
            lock (_lock)
            {
                _durable = Math.Max(_durable, covered);
                Rounds++;
            }
        }
        catch (Exception ex)
        {
            // Whatever the error, what reached the disk is unknown: fail closed.
            lock (_lock)
            {
                _failure ??= ex;
            }

            throw;
        }
        finally
        {
            lock (_lock)
            {
                _round = null;
            }
        }
    }

    private void Flush()
    {
        try
        {
            _flushFile(_databasePath + "-wal");
        }
        catch (FileNotFoundException)
        {
            _flushFile(_databasePath);
        }
    }

    private static void FlushFile(string path)
    {
        // Opened for writing only because some platforms refuse to flush a read-only handle; nothing is written.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.FlushToDisk(handle);
    }
}
