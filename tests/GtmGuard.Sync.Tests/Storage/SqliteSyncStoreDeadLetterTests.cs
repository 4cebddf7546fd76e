using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SqliteSyncStoreDeadLetterTests : IAsyncLifetime
{
    private readonly TempStore _temp = TempStore.Create();

    private SqliteSyncStore Store => _temp.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static NewDeadLetter Letter(string workflow = "opt-out", VendorId vendor = VendorId.Salesforce) => new(
        workflow,
        vendor,
        "contacts.upsert",
        "Validation",
        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        new RecordedRequest("PATCH", "https://example.my.salesforce.com/services/data/v62.0/sobjects/Contact/Ext__c/42",
            new Dictionary<string, string> { ["Authorization"] = SecretRedactor.Mask, ["Content-Type"] = "application/json" }, """{"HasOptedOutOfEmail":true}"""),
        new RecordedResponse(400, new Dictionary<string, string> { ["Sforce-Limit-Info"] = "api-usage=18/15000" }, """[{"errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION"}]"""),
        Attempts: 2);

    [Fact]
    public async Task AStoredLetter_ComesBackWithItsFullRequestAndResponse()
    {
        var id = await Store.AddDeadLetterAsync(Letter(), default);

        var letter = await Store.GetDeadLetterAsync(id, default);

        Assert.NotNull(letter);
        Assert.Equal(("opt-out", VendorId.Salesforce, "contacts.upsert", "Validation", "FIELD_CUSTOM_VALIDATION_EXCEPTION", 2), (letter.Workflow, letter.Vendor, letter.Operation, letter.ErrorType, letter.ErrorMessage, letter.Attempts));
        Assert.Equal(("PATCH", """{"HasOptedOutOfEmail":true}""", SecretRedactor.Mask), (letter.Request.Method, letter.Request.Body, letter.Request.Headers["Authorization"]));
        Assert.Equal((400, "api-usage=18/15000"), (letter.Response!.StatusCode, letter.Response.Headers["Sforce-Limit-Info"]));
        Assert.Equal((_temp.Clock.GetUtcNow(), (DateTimeOffset?)null, DeadLetterSource.Workflow), (letter.CreatedAt, letter.ReplayedAt, letter.Source));
    }

    [Fact]
    public async Task List_FiltersByWorkflowAndVendor_NewestFirst()
    {
        await Store.AddDeadLetterAsync(Letter("opt-out"), default);
        await Store.AddDeadLetterAsync(Letter("qualified-lead", VendorId.Outreach), default);
        await Store.AddDeadLetterAsync(Letter("opt-out", VendorId.HubSpot), default);

        var all = await Store.ListDeadLettersAsync(new DeadLetterFilter(), default);
        var optOut = await Store.ListDeadLettersAsync(new DeadLetterFilter(Workflow: "opt-out"), default);
        var outreach = await Store.ListDeadLettersAsync(new DeadLetterFilter(Vendor: VendorId.Outreach), default);

        Assert.Equal([3L, 2L, 1L], all.Select(l => l.Id));
        Assert.Equal([3L, 1L], optOut.Select(l => l.Id));
        Assert.Equal([2L], outreach.Select(l => l.Id));
    }

    [Fact]
    public async Task CountPending_GroupsByVendor_AndLeavesReplayedLettersOut()
    {
        var replayed = await Store.AddDeadLetterAsync(Letter(vendor: VendorId.Salesforce), default);
        await Store.AddDeadLetterAsync(Letter(vendor: VendorId.Salesforce), default);
        await Store.AddDeadLetterAsync(Letter(vendor: VendorId.HubSpot), default);
        await Store.AddDeadLetterAsync(Letter(vendor: VendorId.HubSpot), default);
        await Store.AddDeadLetterAsync(Letter(vendor: VendorId.HubSpot), default);
        await Store.ReplayDeadLetterAsync(replayed, default);

        var pending = await Store.CountPendingDeadLettersAsync(default);

        Assert.Equal(new Dictionary<VendorId, long> { [VendorId.Salesforce] = 1, [VendorId.HubSpot] = 3 }, pending);
    }

    [Fact]
    public async Task Replay_MarksTheLetterOnce_AndHidesItFromTheDefaultList()
    {
        var id = await Store.AddDeadLetterAsync(Letter(), default);
        _temp.Clock.Advance(TimeSpan.FromMinutes(5));

        var first = await Store.ReplayDeadLetterAsync(id, default);
        var second = await Store.ReplayDeadLetterAsync(id, default);
        var unknown = await Store.ReplayDeadLetterAsync(999, default);

        Assert.Equal([true, false, false], [first, second, unknown]);
        Assert.Equal(_temp.Clock.GetUtcNow(), (await Store.GetDeadLetterAsync(id, default))!.ReplayedAt);
        Assert.Empty(await Store.ListDeadLettersAsync(new DeadLetterFilter(), default));
        Assert.Single(await Store.ListDeadLettersAsync(new DeadLetterFilter(IncludeReplayed: true), default));
    }

    [Fact]
    public async Task ReplayingAnOutboxLetter_MakesTheWritePendingAgainWithFreshAttempts()
    {
        await Store.EnqueueOutboxAsync([new OutboxWrite("opt-out", VendorId.Salesforce, "contacts.upsert", "k", "{}")], default);
        var lease = (await Store.ClaimOutboxAsync(1, TimeSpan.FromSeconds(30), default))[0];
        await Store.DeadLetterOutboxAsync(lease, Letter(), default);
        var letter = (await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single();

        await Store.ReplayDeadLetterAsync(letter.Id, default);
        var reclaimed = await Store.ClaimOutboxAsync(1, TimeSpan.FromSeconds(30), default);

        Assert.Equal((lease.Item.Id, 0, OutboxItemState.Pending), (reclaimed.Single().Item.Id, reclaimed[0].Item.Attempts, reclaimed[0].Item.State));
    }

    [Fact]
    public async Task ReplayingAnInboxLetter_MakesTheEventPendingAgain()
    {
        await Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", _temp.Clock.GetUtcNow())], default);
        var lease = (await Store.ClaimInboxEventsAsync(1, TimeSpan.FromSeconds(30), default))[0];
        await Store.DeadLetterInboxEventAsync(lease, Letter(), default);
        var letter = (await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single();

        await Store.ReplayDeadLetterAsync(letter.Id, default);
        var reclaimed = await Store.ClaimInboxEventsAsync(1, TimeSpan.FromSeconds(30), default);

        Assert.Equal(("e1", 0), (reclaimed.Single().Event.EventId, reclaimed[0].Event.Attempts));
    }
}
