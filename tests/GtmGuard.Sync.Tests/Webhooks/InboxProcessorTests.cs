using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Tests.Webhooks;

public sealed class InboxProcessorTests : IAsyncLifetime
{
    private IntakeTestHost _host = null!;

    private ISyncStore Store => _host.Store;

    private RecordingHandler Handler => _host.Handler;

    public async Task InitializeAsync() => _host = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Inbox:MaxAttempts"] = "3" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static DateTimeOffset T(int seconds) => new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero).AddSeconds(seconds);

    private static IncomingEvent Event(string id, string record, int second) => new(VendorId.HubSpot, id, record, "contact.propertyChange", T(second), $$"""{"eventId":"{{id}}"}""");

    private async Task DrainAsync()
    {
        while (await _host.Processor.RunOnceAsync(default) > 0)
        {
        }
    }

    private async Task<InboxEventState[]> StatesAsync() => (await _host.InboxAsync()).Select(e => e.State).ToArray();

    [Fact]
    public async Task FreshEvents_ReachTheHandler_AndAreApplied_WithTheirWatermarks()
    {
        await Store.AppendInboxEventsAsync([Event("a", "contact:1", 1), Event("b", "contact:2", 2)], default);

        await DrainAsync();

        Assert.Equal(["a", "b"], Handler.Seen.Select(e => e.EventId));
        Assert.Equal([InboxEventState.Applied, InboxEventState.Applied], await StatesAsync());
        Assert.Equal(T(2), (await Store.GetWatermarkAsync(VendorId.HubSpot, "contact:2", default))!.OccurredAt);
        Assert.Equal(2, _host.Metrics.Count(VendorId.HubSpot, WebhookEventResult.Applied));
    }

    [Fact]
    public async Task AHandler_PreparesOncePerBatch_AndEachEventSeesWhatItLeftOnTheBatch()
    {
        Handler.OnPrepare = (events, batch) => batch.Set("test:read", events.ToDictionary(e => e.EventId, e => "read " + e.EventId));
        var seen = new ConcurrentDictionary<string, string?>();
        Handler.OnEvent = (e, context) => seen[e.EventId] = context.Batch.Get<Dictionary<string, string>>("test:read")?.GetValueOrDefault(e.EventId);
        await Store.AppendInboxEventsAsync([Event("a", "contact:1", 1), Event("b", "contact:2", 2), Event("c", "contact:3", 3)], default);

        await DrainAsync();

        Assert.Equal(["a", "b", "c"], Assert.Single(Handler.Prepared));
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "read a", ["b"] = "read b", ["c"] = "read c" }, seen.ToDictionary());
        Assert.All(await StatesAsync(), s => Assert.Equal(InboxEventState.Applied, s));
    }

    [Fact]
    public async Task AFailingPreparation_IsLogged_AndEveryEventIsStillHandledOnItsOwn()
    {
        var logs = new LogCapture();
        var handler = new RecordingHandler { OnPrepare = (_, _) => throw new HttpRequestException("batch read refused") };
        await using var host = await IntakeTestHost.StartAsync(handler: handler, services: s => s.AddSingleton<ILoggerProvider>(logs));
        await host.Store.AppendInboxEventsAsync([Event("a", "contact:1", 1), Event("b", "contact:2", 2)], default);

        while (await host.Processor.RunOnceAsync(default) > 0)
        {
        }

        Assert.Equal(["a", "b"], handler.Seen.Select(e => e.EventId));
        Assert.Equal([InboxEventState.Applied, InboxEventState.Applied], (await host.InboxAsync()).Select(e => e.State));
        Assert.Contains(logs.Lines, l => l.Contains("Preparing a batch of 2 events for test-workflow failed", StringComparison.Ordinal) && l.Contains("batch read refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOlderEventArrivingAfterANewerOne_IsStale_AndNeverReachesTheHandler()
    {
        await Store.AppendInboxEventsAsync([Event("newer", "contact:1", 20), Event("older", "contact:1", 10)], default);

        await DrainAsync();

        Assert.Equal(["newer"], Handler.Seen.Select(e => e.EventId));
        Assert.Equal([InboxEventState.Applied, InboxEventState.Stale], await StatesAsync());
        Assert.Equal(1, _host.Metrics.Count(VendorId.HubSpot, WebhookEventResult.Stale));
    }

    [Fact]
    public async Task EventsArrivingInEventTimeOrder_AreAllApplied_InThatOrder()
    {
        await Store.AppendInboxEventsAsync([Event("1", "contact:1", 1), Event("2", "contact:1", 2), Event("3", "contact:1", 3)], default);

        await DrainAsync();

        Assert.Equal(["1", "2", "3"], Handler.Seen.Select(e => e.EventId));
        Assert.All(await StatesAsync(), s => Assert.Equal(InboxEventState.Applied, s));
    }

    [Fact]
    public async Task AHandlerFailure_IsRetriedAfterBackoff_CountingAttempts()
    {
        Handler.FailNext(1);
        await Store.AppendInboxEventsAsync([Event("e", "contact:1", 1)], default);
        var failedAt = _host.Clock.GetUtcNow();

        await DrainAsync();
        var afterFailure = (await _host.InboxAsync()).Single();
        var claimedTooEarly = await _host.Processor.RunOnceAsync(default);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await DrainAsync();

        Assert.Equal((InboxEventState.Pending, 1), (afterFailure.State, afterFailure.Attempts));
        Assert.Equal(failedAt.AddSeconds(2), afterFailure.NextAttemptAt);
        Assert.Equal(0, claimedTooEarly);
        Assert.Equal([InboxEventState.Applied], await StatesAsync());
        Assert.Equal(2, Handler.Seen.Count);
    }

    [Fact]
    public async Task AfterTheLastAttempt_TheEventIsDeadLettered_WithItsPayload_AndNoSecretInTheError()
    {
        Handler.FailNext(3);
        await Store.AppendInboxEventsAsync([Event("e", "contact:1", 1)], default);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await DrainAsync();
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var letter = (await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single();

        Assert.Equal([InboxEventState.Failed], await StatesAsync());
        Assert.Equal(("test-workflow", "handler_failed", 3, DeadLetterSource.Inbox), (letter.Workflow, letter.ErrorType, letter.Attempts, letter.Source));
        Assert.Equal("""{"eventId":"e"}""", letter.Request.Body);
        Assert.Contains("vendor said no", letter.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked-token-123", letter.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, _host.Metrics.Count(VendorId.HubSpot, WebhookEventResult.DeadLettered));
    }

    [Fact]
    public async Task APayloadJsonNodeRefuses_IsStillDeadLetteredAfterTheLastAttempt_NotStuck()
    {
        // JsonDocument (the intake) accepts a repeated name; JsonNode (the redactor) throws on it.
        Handler.FailNext(3);
        await Store.AppendInboxEventsAsync([new IncomingEvent(VendorId.HubSpot, "e", "contact:1", "contact.propertyChange", T(1), """{"eventId":"e","eventId":"again"}""")], default);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await DrainAsync();
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var letter = (await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single();
        Assert.Equal([InboxEventState.Failed], await StatesAsync());
        Assert.Equal("""{"eventId":"e","eventId":"again"}""", letter.Request.Body);
    }

    [Fact]
    public async Task EventsReachedWhenTheBatchLeaseIsNearlyOver_AreLeftUnhandled_AndClaimedAgainAfterIt()
    {
        // Each event takes its handler 35 s of the batch's 60-second lease: the third is reached after the lease.
        Handler.OnEvent = (_, _) => _host.Clock.Advance(TimeSpan.FromSeconds(35));
        await Store.AppendInboxEventsAsync([Event("a", "contact:1", 1), Event("b", "contact:2", 2), Event("c", "contact:3", 3)], default);

        await _host.Processor.RunOnceAsync(default);
        var afterFirstClaim = await _host.InboxAsync();
        await DrainAsync();

        Assert.Equal([InboxEventState.Applied, InboxEventState.Applied, InboxEventState.Pending], afterFirstClaim.Select(e => e.State));
        Assert.Equal(0, afterFirstClaim[2].Attempts);
        Assert.Equal(["a", "b", "c"], Handler.Seen.Select(e => e.EventId));
        Assert.Equal([InboxEventState.Applied, InboxEventState.Applied, InboxEventState.Applied], await StatesAsync());
    }

    [Fact]
    public async Task AReplayedDeadLetter_IsHandledAgain()
    {
        Handler.FailNext(3);
        await Store.AppendInboxEventsAsync([Event("e", "contact:1", 1)], default);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await DrainAsync();
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Store.ReplayDeadLetterAsync((await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single().Id, default);
        await DrainAsync();

        Assert.Equal([InboxEventState.Applied], await StatesAsync());
        Assert.Equal(4, Handler.Seen.Count);
    }

    [Fact]
    public async Task WritesAHandlerStages_ReachTheOutboxOnlyWithTheAppliedEvent()
    {
        var calls = 0;
        Handler.OnEvent = (e, context) =>
        {
            context.Enqueue(new OutboxWrite(Handler.Workflow, VendorId.Outreach, "prospects.upsert", $"{e.EventId}:outreach", "{}"));
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new TimeoutException("first try times out after staging");
            }
        };
        await Store.AppendInboxEventsAsync([Event("e", "contact:1", 1)], default);

        await DrainAsync();
        var afterFailure = await Store.ListOutboxAsync(null, 10, default);
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await DrainAsync();
        var afterSuccess = await Store.ListOutboxAsync(null, 10, default);

        Assert.Empty(afterFailure);
        Assert.Equal(["e:outreach"], afterSuccess.Select(i => i.IdempotencyKey));
    }

    [Fact]
    public async Task AnEventWhoseWorkerDied_IsHandledOnceByTheNextWorker_AfterTheLease()
    {
        await Store.AppendInboxEventsAsync([Event("e", "contact:1", 1)], default);
        var dead = await Store.ClaimInboxEventsAsync(1, TimeSpan.FromMinutes(1), default);

        var whileLeased = await _host.Processor.RunOnceAsync(default);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await DrainAsync();

        Assert.Single(dead);
        Assert.Equal(0, whileLeased);
        Assert.Equal(["e"], Handler.Seen.Select(e => e.EventId));
        Assert.Equal([InboxEventState.Applied], await StatesAsync());
    }

    [Fact]
    public async Task EventsNoHandlerWants_AreStillApplied()
    {
        await using var host = await IntakeTestHost.StartAsync(handler: new RecordingHandler { Vendors = [VendorId.Clay] });
        await host.Store.AppendInboxEventsAsync([Event("e", "contact:1", 5)], default);

        await host.Processor.RunOnceAsync(default);

        Assert.Empty(host.Handler.Seen);
        Assert.Equal(InboxEventState.Applied, (await host.InboxAsync()).Single().State);
        Assert.Equal(T(5), (await host.Store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default))!.OccurredAt);
    }

    [Fact]
    public async Task TheHostedProcessor_WakesUpForANewDelivery_WithoutWaitingForThePoll()
    {
        await using var host = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Inbox:Enabled"] = "true", ["Sync:Inbox:PollInterval"] = "01:00:00" });
        var now = host.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var body = $$"""[{"eventId":9,"subscriptionId":1,"objectId":3,"occurredAt":{{now}},"subscriptionType":"contact.creation"}]""";

        using var response = await host.PostHubSpotAsync(body);
        for (var i = 0; i < 500 && host.Handler.Seen.Count == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["1:9"], host.Handler.Seen.Select(e => e.EventId));
    }
}
