using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SqliteSyncStoreRetentionTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TempStore _temp = TempStore.Create();

    private SqliteSyncStore Store => _temp.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Purge_DeletesOldSettledRows_AndKeepsPendingFailedRecentAndWatermarks()
    {
        var t = _temp.Clock.GetUtcNow();
        await Store.AppendInboxEventsAsync([TempStore.Event("old", "contact:1", t), TempStore.Event("old", "contact:1", t), TempStore.Event("failing", "contact:2", t)], default);
        await Store.ApplyInboxEventAsync((await Store.ClaimInboxEventsAsync(1, Lease, default))[0], [new OutboxWrite("wf", VendorId.HubSpot, "op", "k-old", "{}")], default);
        await Store.CompleteOutboxAsync((await Store.ClaimOutboxAsync(1, Lease, default))[0], default);
        var failing = (await Store.ClaimInboxEventsAsync(1, Lease, default))[0];
        await Store.DeadLetterInboxEventAsync(failing, new NewDeadLetter("wf", VendorId.HubSpot, "op", "handler_failed", null, new RecordedRequest("POST", "/", new Dictionary<string, string>(), "{}"), null, 1), default);
        _temp.Clock.Advance(TimeSpan.FromDays(8));
        await Store.AppendInboxEventsAsync([TempStore.Event("recent", "contact:3", _temp.Clock.GetUtcNow())], default);

        var deleted = await Store.PurgeSettledAsync(_temp.Clock.GetUtcNow().AddDays(-7), default);
        var left = await Store.ListInboxEventsAsync(new InboxEventFilter(), default);

        Assert.Equal(3, deleted); // the event and its repeat, and the completed write
        Assert.Equal([("failing", InboxEventState.Failed), ("recent", InboxEventState.Pending)], left.Select(e => (e.EventId, e.State)));
        Assert.Empty(await Store.ListOutboxAsync(null, 10, default));
        Assert.False(await Store.IsEventProcessedAsync(VendorId.HubSpot, "old", default));
        Assert.NotNull(await Store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default));
        Assert.Single(await Store.ListDeadLettersAsync(new DeadLetterFilter(), default));
    }
}
