using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Tests.Hosting;
using GtmGuard.Simulators.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.Webhooks;

public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private const string Secret = "s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _clock = SimulatorFactory.NewClock();
    private readonly WebhookReceiver _receiver = new();
    private ChaosEngine _chaos = null!;
    private WebhookDispatcher _dispatcher = null!;

    public Task InitializeAsync()
    {
        _chaos = new ChaosEngine(_clock, _ => { });
        _dispatcher = NewDispatcher(new TestWebhookProtocol());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _dispatcher.DisposeAsync();
        _chaos.Dispose();
        _receiver.Dispose();
    }

    private WebhookDispatcher NewDispatcher(IWebhookProtocol protocol, double compression = 1, bool start = true)
    {
        var dispatcher = new WebhookDispatcher("test", protocol, _chaos, new WebhookSettings { TimeCompression = compression }, _clock, NullLogger.Instance);
        dispatcher.Subscribe(new WebhookSubscription("sub-1", _receiver.Url, Secret, new HashSet<string> { "contact.*" }));
        if (start)
        {
            dispatcher.Start();
        }

        return dispatcher;
    }

    private void Publish(int count, string type = "contact.creation")
    {
        for (var i = 1; i <= count; i++)
        {
            _dispatcher.Publish(new WebhookEvent($"e{i}", $"r{i}", type, _clock.GetUtcNow(), new JsonObject { ["eventId"] = $"e{i}", ["objectId"] = i, ["propertyValue"] = "42" }));
        }
    }

    private void ApplyChaos(string json) => _chaos.Apply(ChaosPlanParser.ParseJson(json, "test"));

    /// <summary>Moves the fake clock in steps until the condition holds.</summary>
    private async Task AdvanceUntil(Func<bool> condition, TimeSpan step, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps && !condition(); i++)
        {
            await Task.Delay(15);
            if (!condition())
            {
                _clock.Advance(step);
            }
        }

        Assert.True(condition(), $"condition not met; log: {string.Join(" | ", _dispatcher.Log.Snapshot().Select(a => $"{a.DeliveryId}#{a.Attempt}:{a.Outcome}"))}");
    }

    private static IEnumerable<string> EventIds(ReceivedDelivery delivery) => delivery.Json.AsArray().Select(e => e!["eventId"]!.GetValue<string>());

    [Fact]
    public async Task Publish_BatchesEventsPerMessage_AndSignsTheExactBody()
    {
        // All five are queued before the worker runs, so it takes them together however the threads are scheduled.
        await _dispatcher.DisposeAsync();
        _dispatcher = NewDispatcher(new TestWebhookProtocol(), start: false);
        Publish(5);
        _dispatcher.Start();

        await AdvanceUntil(() => _receiver.Received.Sum(r => r.Json.AsArray().Count) == 5, TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, _receiver.Received.Count);
        Assert.All(_receiver.Received, r => Assert.Equal(TestWebhookProtocol.Signature(Secret, Encoding.UTF8.GetBytes(r.Body)), r.Headers["X-Test-Signature"]));
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], _receiver.Received.SelectMany(EventIds).Order());
    }

    [Fact]
    public async Task Publish_OnlyToSubscriptionsThatAcceptTheType()
    {
        Publish(2, type: "deal.creation");
        Publish(1);

        await AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromMilliseconds(50));
        await Task.Delay(200);

        Assert.Single(_receiver.Received);
        Assert.Equal(["e1"], EventIds(_receiver.Received[0]));
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedOnTheSchedule_WithTheAttemptNumber()
    {
        _receiver.AnswerWith(500, 503);
        Publish(1);

        await AdvanceUntil(() => _receiver.Received.Count == 3, TimeSpan.FromSeconds(30));
        var log = _dispatcher.Log.Snapshot();

        Assert.Equal([WebhookDeliveryAttempt.Failed, WebhookDeliveryAttempt.Failed, WebhookDeliveryAttempt.Delivered], log.Select(a => a.Outcome));
        Assert.Equal([0, 1, 2], _receiver.Received.Select(r => r.Json[0]!["attempt"]!.GetValue<int>()));
        Assert.True(log[1].At - log[0].At >= TimeSpan.FromMinutes(1));
        Assert.True(log[2].At - log[1].At >= TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task TimeCompression_ShrinksTheRetrySchedule()
    {
        await _dispatcher.DisposeAsync();
        _dispatcher = NewDispatcher(new TestWebhookProtocol(), compression: 60);
        _receiver.AnswerWith(500);
        Publish(1);

        await AdvanceUntil(() => _receiver.Received.Count == 2, TimeSpan.FromMilliseconds(250));
        var log = _dispatcher.Log.Snapshot();

        Assert.InRange(log[1].At - log[0].At, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GivingUp_AfterTheLastRetry_LeavesEveryAttemptInTheLog()
    {
        _receiver.AnswerWith(500, 500, 500, 500);
        Publish(1);

        await AdvanceUntil(() => _dispatcher.Log.Snapshot().Count == 3, TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(200);

        Assert.Equal(3, _receiver.Received.Count);
        Assert.All(_dispatcher.Log.Snapshot(), a => Assert.Equal(500, a.Status));
    }

    [Fact]
    public async Task DuplicateChaos_DeliversTheSameEventsTwice()
    {
        ApplyChaos("""{"seed":1,"webhooks":[{"effect":"duplicate","window":"2s"}]}""");
        Publish(1);

        await AdvanceUntil(() => _receiver.Received.Count == 2, TimeSpan.FromMilliseconds(100));

        Assert.All(_receiver.Received, r => Assert.Equal(["e1"], EventIds(r)));
        Assert.Single(_dispatcher.Log.Snapshot(), a => a.Duplicate);
    }

    [Fact]
    public async Task DropChaos_LosesTheFirstAttempt_AndTheRetryDeliversIt()
    {
        ApplyChaos("""{"webhooks":[{"effect":"drop"}]}""");
        Publish(1);

        await AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromSeconds(10));

        Assert.Equal(WebhookDeliveryAttempt.Dropped, _dispatcher.Log.Snapshot()[0].Outcome);
        Assert.Equal(1, _receiver.Received[0].Json[0]!["attempt"]!.GetValue<int>());
    }

    [Fact]
    public async Task CorruptSignatureChaos_SendsASignatureThatDoesNotVerify()
    {
        ApplyChaos("""{"webhooks":[{"effect":"corruptSignature"}]}""");
        Publish(1);

        await AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromMilliseconds(50));
        var delivery = _receiver.Received[0];

        Assert.NotEqual(TestWebhookProtocol.Signature(Secret, Encoding.UTF8.GetBytes(delivery.Body)), delivery.Headers["X-Test-Signature"]);
    }

    [Fact]
    public async Task DriftChaos_RenamesAndRetypesFields_InsideItsWindowOnly()
    {
        ApplyChaos("""{"webhooks":[{"effect":"drift","field":"propertyValue","renameTo":"value","retypeTo":"number","to":"1m"}]}""");
        Publish(1);
        await AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromMilliseconds(50));
        _clock.Advance(TimeSpan.FromMinutes(2));

        Publish(1);
        await AdvanceUntil(() => _receiver.Received.Count == 2, TimeSpan.FromMilliseconds(50));

        var drifted = _receiver.Received[0].Json[0]!.AsObject();
        var normal = _receiver.Received[1].Json[0]!.AsObject();
        Assert.False(drifted.ContainsKey("propertyValue"));
        Assert.Equal(42, drifted["value"]!.GetValue<double>());
        Assert.Equal("42", normal["propertyValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReorderChaos_WithTheSameSeed_GivesTheSameDeliveryOrder()
    {
        var first = await OrderWithReorderSeed(11);
        var second = await OrderWithReorderSeed(11);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Order(), first);
    }

    [Fact]
    public void Subscribe_ToANonLoopbackTarget_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _dispatcher.Subscribe(new WebhookSubscription("x", new Uri("http://203.0.113.5/hook"), Secret, new HashSet<string> { "*" })));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedSubscription_SpreadsDeliveriesOverTheWindow()
    {
        await _dispatcher.DisposeAsync();
        _dispatcher = new WebhookDispatcher("test", new SingleEventProtocol(), _chaos, new WebhookSettings(), _clock, NullLogger.Instance);
        _dispatcher.Subscribe(new WebhookSubscription("clay", _receiver.Url, Secret, new HashSet<string> { "*" }) { RateLimit = new WebhookRateLimit(2, TimeSpan.FromSeconds(1)) });
        _dispatcher.Start();
        Publish(6);

        await AdvanceUntil(() => _receiver.Received.Count == 6, TimeSpan.FromMilliseconds(100));
        var attempts = _dispatcher.Log.Snapshot();

        Assert.True(attempts[^1].At - attempts[0].At >= TimeSpan.FromSeconds(2), $"spread {attempts[^1].At - attempts[0].At}");
    }

    private async Task<List<string>> OrderWithReorderSeed(int seed)
    {
        await _dispatcher.DisposeAsync();
        _receiver.Dispose();
        using var receiver = new WebhookReceiver();
        _chaos.Apply(ChaosPlanParser.ParseJson($$"""{"seed":{{seed}},"webhooks":[{"effect":"reorder","window":"5s"}]}""", "test"));
        _dispatcher = new WebhookDispatcher("test", new SingleEventProtocol(), _chaos, new WebhookSettings { MaxConcurrentDeliveries = 1 }, _clock, NullLogger.Instance);
        _dispatcher.Subscribe(new WebhookSubscription("sub", receiver.Url, Secret, new HashSet<string> { "*" }));
        _dispatcher.Start();
        Publish(8);

        await AdvanceUntil(() => receiver.Received.Count == 8, TimeSpan.FromMilliseconds(100));

        return receiver.Received.Select(r => r.Json["eventId"]!.GetValue<string>()).ToList();
    }

    /// <summary>One event per request, no envelope: like Outreach and Clay.</summary>
    private sealed class SingleEventProtocol : IWebhookProtocol
    {
        public int MaxEventsPerMessage => 1;

        public WebhookRetryPolicy RetryPolicy => WebhookRetryPolicy.Outreach;

        public string ContentType => "application/json";

        public JsonNode Envelope(IReadOnlyList<JsonObject> events, int attempt, DateTimeOffset now) => events[0];

        public void Sign(HttpRequestMessage request, byte[] body, WebhookSubscription subscription, DateTimeOffset now)
        {
        }
    }
}
