using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SqliteSyncStoreOutboxTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TempStore _temp = TempStore.Create();

    private SqliteSyncStore Store => _temp.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static OutboxWrite Write(string key, VendorId vendor = VendorId.HubSpot) => new("enrichment-to-crm", vendor, "contacts.batchUpsert", key, $$"""{"key":"{{key}}"}""");

    [Fact]
    public async Task Enqueue_IsIdempotentPerVendorAndKey()
    {
        var first = await Store.EnqueueOutboxAsync([Write("lead-1"), Write("lead-2")], default);

        var again = await Store.EnqueueOutboxAsync([Write("lead-1"), Write("lead-1", VendorId.Salesforce)], default);
        var items = await Store.ListOutboxAsync(null, 10, default);

        Assert.Equal((2, 1), (first, again));
        Assert.Equal([("lead-1", VendorId.HubSpot), ("lead-2", VendorId.HubSpot), ("lead-1", VendorId.Salesforce)], items.Select(i => (i.IdempotencyKey, i.Vendor)));
        Assert.All(items, i => Assert.Equal((OutboxItemState.Pending, 0, "enrichment-to-crm", "contacts.batchUpsert"), (i.State, i.Attempts, i.Workflow, i.Operation)));
    }

    [Fact]
    public async Task Claim_ThenComplete_TakesTheItemOutOfTheQueue()
    {
        await Store.EnqueueOutboxAsync([Write("a"), Write("b")], default);

        var claimed = await Store.ClaimOutboxAsync(1, Lease, default);
        var whileLeased = await Store.ClaimOutboxAsync(10, Lease, default);
        var completed = await Store.CompleteOutboxAsync(claimed[0], default);
        var completedTwice = await Store.CompleteOutboxAsync(claimed[0], default);

        Assert.Equal("a", claimed.Single().Item.IdempotencyKey);
        Assert.Equal("""{"key":"a"}""", claimed[0].Item.Payload);
        Assert.Equal(["b"], whileLeased.Select(l => l.Item.IdempotencyKey));
        Assert.True(completed);
        Assert.False(completedTwice);
        Assert.Equal(["a"], (await Store.ListOutboxAsync(OutboxItemState.Completed, 10, default)).Select(i => i.IdempotencyKey));
    }

    [Fact]
    public async Task ABatchClaim_LeasesOldestFirst_AndABatchCompleteSettlesOnlyWhatIsStillLeased()
    {
        await Store.EnqueueOutboxAsync([Write("a"), Write("b"), Write("c"), Write("d")], default);

        var claimed = await Store.ClaimOutboxAsync(3, Lease, default);
        _temp.Clock.Advance(Lease);
        // The leases on "a".."c" lapsed and another sender took them back: the first sender's complete settles nothing.
        var reclaimed = await Store.ClaimOutboxAsync(3, Lease, default);
        var completed = await Store.CompleteOutboxAsync(claimed, default);
        var completedByTheOther = await Store.CompleteOutboxAsync(reclaimed, default);

        Assert.Equal(["a", "b", "c"], claimed.Select(l => l.Item.IdempotencyKey));
        Assert.Equal(["a", "b", "c"], reclaimed.Select(l => l.Item.IdempotencyKey));
        Assert.Equal((0, 3), (completed, completedByTheOther));
        Assert.Equal(["a", "b", "c"], (await Store.ListOutboxAsync(OutboxItemState.Completed, 10, default)).Select(i => i.IdempotencyKey));
        Assert.Equal(["d"], (await Store.ListOutboxAsync(OutboxItemState.Pending, 10, default)).Select(i => i.IdempotencyKey));
    }

    [Fact]
    public async Task ABatchComplete_CountsEachWriteOnce_WhenOneOfItsLeasesWasLost()
    {
        await Store.EnqueueOutboxAsync([Write("a"), Write("b")], default);
        var claimed = await Store.ClaimOutboxAsync(2, Lease, default);
        await Store.RetryOutboxAsync(claimed[1], "timeout", _temp.Clock.GetUtcNow(), default);

        var completed = await Store.CompleteOutboxAsync(claimed, default);

        Assert.Equal(1, completed);
        Assert.Equal(["a"], (await Store.ListOutboxAsync(OutboxItemState.Completed, 10, default)).Select(i => i.IdempotencyKey));
        Assert.Equal((1, "timeout"), (await Store.ListOutboxAsync(OutboxItemState.Pending, 10, default)).Select(i => (i.Attempts, i.LastError)).Single());
    }

    [Fact]
    public async Task Retry_CountsAttempts_AndWaitsUntilTheNextAttempt()
    {
        await Store.EnqueueOutboxAsync([Write("a")], default);
        var lease = (await Store.ClaimOutboxAsync(1, Lease, default))[0];

        await Store.RetryOutboxAsync(lease, "rate_limited", _temp.Clock.GetUtcNow().AddSeconds(30), default);
        var early = await Store.ClaimOutboxAsync(1, Lease, default);
        _temp.Clock.Advance(TimeSpan.FromSeconds(30));
        var due = await Store.ClaimOutboxAsync(1, Lease, default);

        Assert.Empty(early);
        Assert.Equal((1, "rate_limited"), (due.Single().Item.Attempts, due.Single().Item.LastError));
    }

    [Fact]
    public async Task AWriterThatCrashedMidWrite_LeavesTheItemForTheNextClaimAfterTheLease()
    {
        await Store.EnqueueOutboxAsync([Write("a")], default);
        var crashed = (await Store.ClaimOutboxAsync(1, Lease, default))[0];

        await _temp.ReopenAsync();
        var beforeExpiry = await Store.ClaimOutboxAsync(1, Lease, default);
        _temp.Clock.Advance(Lease);
        var afterExpiry = await Store.ClaimOutboxAsync(1, Lease, default);

        Assert.Empty(beforeExpiry);
        Assert.Equal(crashed.Item.Id, afterExpiry.Single().Item.Id);
        Assert.False(await Store.CompleteOutboxAsync(crashed, default));
    }

    [Fact]
    public async Task DeadLetter_MarksTheWriteFailed_AndKeepsTheLetter()
    {
        await Store.EnqueueOutboxAsync([Write("a")], default);
        var lease = (await Store.ClaimOutboxAsync(1, Lease, default))[0];
        var letter = new NewDeadLetter("enrichment-to-crm", VendorId.HubSpot, "contacts.batchUpsert", "Validation", "Property values were not valid",
            new RecordedRequest("POST", "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert", new Dictionary<string, string>(), "{}"),
            new RecordedResponse(400, new Dictionary<string, string>(), """{"status":"error"}"""), 1);

        var done = await Store.DeadLetterOutboxAsync(lease, letter, default);
        var dead = (await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single();

        Assert.True(done);
        Assert.Equal(OutboxItemState.Failed, (await Store.ListOutboxAsync(null, 10, default)).Single().State);
        Assert.Empty(await Store.ClaimOutboxAsync(1, Lease, default));
        Assert.Equal((DeadLetterSource.Outbox, lease.Item.Id, 400), (dead.Source, dead.SourceId, dead.Response!.StatusCode));
    }
}
