using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class WalFileSyncTests : IAsyncLifetime
{
    private readonly TempStore _temp = TempStore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task ACommit_IsDurableOnlyAfterAnFsyncThatStartedAfterIt()
    {
        var flushes = new List<string>();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sync = new WalFileSync("/store/sync.db", path =>
        {
            lock (flushes)
            {
                flushes.Add(path);
            }

            entered.TrySetResult();
            hold.Task.Wait();
        });

        var first = sync.WaitDurableAsync(sync.Committed());
        await entered.Task;
        // Committed while the first fsync runs: that fsync may not have covered it.
        var second = sync.WaitDurableAsync(sync.Committed());
        await Task.Delay(50);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        hold.SetResult();
        await first;
        await second;

        Assert.Equal(2, sync.Rounds);
        Assert.Equal(["/store/sync.db-wal", "/store/sync.db-wal"], flushes);
    }

    [Fact]
    public async Task CommitsWaitingTogether_ShareOneFsync()
    {
        var flushes = 0;
        var sync = new WalFileSync("/store/sync.db", _ => Interlocked.Increment(ref flushes));
        var commits = Enumerable.Range(0, 20).Select(_ => sync.Committed()).ToList();

        await Task.WhenAll(commits.Select(sync.WaitDurableAsync));

        Assert.Equal(1, flushes);
    }

    [Fact]
    public async Task AFailedFsync_FailsItsWaiters_AndEveryLaterCommit_WhileEarlierOnesStayDurable()
    {
        var flushes = 0;
        var fail = false;
        var sync = new WalFileSync("/store/sync.db", _ =>
        {
            Interlocked.Increment(ref flushes);
            if (fail)
            {
                throw new IOException("disk gone");
            }
        });
        var before = sync.Committed();
        await sync.WaitDurableAsync(before);
        fail = true;

        var failed = await Assert.ThrowsAsync<IOException>(() => sync.WaitDurableAsync(sync.Committed()));
        fail = false;
        var later = await Assert.ThrowsAsync<IOException>(() => sync.WaitDurableAsync(sync.Committed()));
        await sync.WaitDurableAsync(before);

        Assert.Equal("disk gone", failed.Message);
        Assert.Same(failed, later.InnerException);
        Assert.Contains("disk gone", later.Message, StringComparison.Ordinal);
        Assert.Contains("refused until the process restarts", later.Message, StringComparison.Ordinal);
        // No second flush was trusted: the one after the failure never ran.
        Assert.Equal(2, flushes);
        Assert.Equal(1, sync.Rounds);
    }

    [Fact]
    public async Task WithoutALogFile_TheDatabaseFileIsFlushed()
    {
        var database = Path.Combine(_temp.Directory, "only.db");
        Directory.CreateDirectory(_temp.Directory);
        await File.WriteAllTextAsync(database, "x");
        var sync = new WalFileSync(database);

        await sync.WaitDurableAsync(sync.Committed());

        Assert.Equal(1, sync.Rounds);
    }

    [Fact]
    public async Task TheStore_AfterAFailedFsync_RefusesDurableWrites_AndKeepsWhatItHad()
    {
        var failing = false;
        await using var store = new SqliteSyncStore(
            new SyncStoreOptions { Directory = _temp.Directory, FileName = "failing.db" },
            _temp.Clock,
            _ =>
            {
                if (failing)
                {
                    throw new IOException("EIO");
                }
            });
        await store.AppendInboxEventsAsync([TempStore.Event("kept", "contact:1", _temp.Clock.GetUtcNow())], default);
        failing = true;

        var first = await Assert.ThrowsAsync<IOException>(() => store.AppendInboxEventsAsync([TempStore.Event("unsure", "contact:2", _temp.Clock.GetUtcNow())], default));
        failing = false;
        var next = await Assert.ThrowsAsync<IOException>(() => store.AppendInboxEventsAsync([TempStore.Event("refused", "contact:3", _temp.Clock.GetUtcNow())], default));
        var stored = await store.ListInboxEventsAsync(new InboxEventFilter(Vendor: VendorId.HubSpot, Limit: 10), default);

        Assert.Equal("EIO", first.Message);
        Assert.Contains("refused until the process restarts", next.Message, StringComparison.Ordinal);
        // Committed, just not known durable: what the store holds stays readable; nothing was acknowledged after the failure.
        Assert.Contains(stored, e => e.EventId == "kept");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheStore_SyncsDurableCommitsOutsideItsLock_OnlyWhenConfiguredDurable(bool durable)
    {
        await using var store = new SqliteSyncStore(new SyncStoreOptions { Directory = _temp.Directory, FileName = "wal.db", DurableCommits = durable }, _temp.Clock);
        await store.InitializeAsync(default);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            store.AppendInboxEventsAsync([TempStore.Event($"w{i}", $"contact:{i}", _temp.Clock.GetUtcNow())], default)));
        var stored = await store.ListInboxEventsAsync(new InboxEventFilter(Vendor: VendorId.HubSpot, Limit: 100), default);

        Assert.Equal(30, stored.Count);
        if (durable)
        {
            Assert.InRange(store.WalSyncRounds, 1, 30);
        }
        else
        {
            Assert.Equal(0, store.WalSyncRounds);
        }
    }
}
