using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Storage;

/// <summary>Writes to one record leave in event-time order; claims can be limited to one workflow's share; rotated tokens persist.</summary>
public sealed class SqliteSyncStoreOrderingTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TempStore _temp = TempStore.Create();

    private SqliteSyncStore Store => _temp.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static OutboxWrite Upsert(string key, string title, string target = "ada@analytical.io", string workflow = "enrichment") =>
        new(workflow, VendorId.Salesforce, "records.upsert", key, $$"""{"title":"{{title}}"}""") { TargetKey = target };

    [Fact]
    public async Task ANewerWriteToTheSameRecord_SupersedesTheOlderOneStillWaiting()
    {
        await Store.EnqueueOutboxAsync([Upsert("v1", "first"), Upsert("other", "x", target: "grace@analytical.io")], default);
        await Store.EnqueueOutboxAsync([Upsert("v2", "second")], default);

        var claimed = await Store.ClaimOutboxAsync(10, Lease, default);

        Assert.Equal(["other", "v2"], claimed.Select(l => l.Item.IdempotencyKey).Order());
        Assert.Equal("v1", Assert.Single(await Store.ListOutboxAsync(OutboxItemState.Superseded, 10, default)).IdempotencyKey);
    }

    [Fact]
    public async Task AWriteInFlight_HoldsTheNewerOneBack_AndIsSupersededInsteadOfRetried()
    {
        await Store.EnqueueOutboxAsync([Upsert("v1", "first")], default);
        var inFlight = Assert.Single(await Store.ClaimOutboxAsync(10, Lease, default));
        await Store.EnqueueOutboxAsync([Upsert("v2", "second")], default);

        var whileInFlight = await Store.ClaimOutboxAsync(10, Lease, default);
        await Store.RetryOutboxAsync(inFlight, "server_error", _temp.Clock.GetUtcNow(), default);
        var afterwards = await Store.ClaimOutboxAsync(10, Lease, default);

        Assert.Empty(whileInFlight);
        Assert.Equal("v2", Assert.Single(afterwards).Item.IdempotencyKey);
        Assert.Equal("v1", Assert.Single(await Store.ListOutboxAsync(OutboxItemState.Superseded, 10, default)).IdempotencyKey);
    }

    [Fact]
    public async Task ClaimOutbox_ForOneWorkflow_LeavesTheOthersWrites()
    {
        await Store.EnqueueOutboxAsync([Upsert("e", "x", workflow: "enrichment", target: "a"), Upsert("q", "x", workflow: "qualified", target: "b")], default);

        var claimed = await Store.ClaimOutboxAsync(10, Lease, "qualified", default);

        Assert.Equal("q", Assert.Single(claimed).Item.IdempotencyKey);
        Assert.Equal("e", Assert.Single(await Store.ClaimOutboxAsync(10, Lease, default)).Item.IdempotencyKey);
    }

    [Fact]
    public async Task ClaimInbox_ForSomeKinds_SkipsOtherKinds_EvenEarlierOnesOfTheSameRecord()
    {
        var at = _temp.Clock.GetUtcNow();
        await Store.AppendInboxEventsAsync(
            [
                TempStore.Event("delivered", "mailing:1", at, VendorId.Outreach, "mailing.delivered"),
                TempStore.Event("replied", "mailing:1", at.AddSeconds(1), VendorId.Outreach, "mailing.replied"),
                TempStore.Event("contact", "contact:1", at, VendorId.HubSpot, "contact.creation"),
            ],
            default);

        var claimed = await Store.ClaimInboxEventsAsync(10, Lease, [new InboxEventKind(VendorId.Outreach, "mailing.replied")], default);

        Assert.Equal("replied", Assert.Single(claimed).Event.EventId);
        Assert.Empty(await Store.ClaimInboxEventsAsync(10, Lease, [], default));
    }

    [Fact]
    public async Task RotatedToken_IsKeptAcrossARestart_AndReplacedByTheNextRotation()
    {
        await Store.SaveRotatedTokenAsync("outreach:default:refresh_token", "rotated-1", "origin-a", default);
        await Store.SaveRotatedTokenAsync("outreach:default:refresh_token", "rotated-2", "origin-a", default);
        await _temp.ReopenAsync();

        Assert.Equal(("rotated-2", "origin-a"), await Store.GetRotatedTokenAsync("outreach:default:refresh_token", default));
        Assert.Null(await Store.GetRotatedTokenAsync("outreach:other:refresh_token", default));
    }
}
