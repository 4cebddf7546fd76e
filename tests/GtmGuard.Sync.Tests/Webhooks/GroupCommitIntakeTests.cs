using System.Net;
using System.Text.Json;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>The intake over HTTP with group commit: concurrent deliveries share commits, and no 2xx precedes its commit.</summary>
public sealed class GroupCommitIntakeTests
{
    [Fact]
    public async Task ConcurrentDeliveries_AreCommittedTogether_AndEach2xxFollowsTheCommitHoldingIt()
    {
        await using var host = await StartAsync();
        var store = host.App.Services.GetRequiredService<RecordingBatchStore>();
        store.HoldNext();
        var first = Deliver(host, store, Row(0));
        await store.Entered;
        // 37 new rows, a copy of the row being committed and two copies of one new row: all wait for the next commit.
        var rest = Enumerable.Range(1, 37).Select(i => Deliver(host, store, Row(i))).Append(Deliver(host, store, Row(0))).Append(Deliver(host, store, Row(5))).ToList();
        var batcher = host.App.Services.GetRequiredService<InboxAppendBatcher>();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (batcher.Queued < rest.Count)
            {
                await Task.Delay(10, patience.Token);
            }
        }

        Assert.All(rest.Append(first), d => Assert.False(d.IsCompleted, "a delivery was answered while its commit was held"));

        store.Release();
        var answers = await Task.WhenAll(rest.Prepend(first));
        var inbox = await host.InboxAsync();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal([1, 39], store.Commits.Select(c => c.Deliveries));
        Assert.All(answers, a => Assert.True(a.Tick > store.RecordCommittedAt(a.RecordKey), $"{a.RecordKey} answered at tick {a.Tick}, before its commit"));
        Assert.Equal((38, 2), (answers.Sum(a => a.Accepted), answers.Sum(a => a.Duplicates)));
        Assert.Equal((38, 2), (inbox.Count(e => e.State == InboxEventState.Pending), inbox.Count(e => e.State == InboxEventState.Duplicate)));
    }

    [Fact]
    public async Task AFullQueue_Answers503WithRetryAfter_AndTheQueuedDeliveryIsStillStored()
    {
        await using var host = await StartAsync(queueCapacity: 1);
        var store = host.App.Services.GetRequiredService<RecordingBatchStore>();
        store.HoldNext();
        var inFlight = Post(host, Row(0));
        await store.Entered;
        var contenders = new[] { Post(host, Row(1)), Post(host, Row(2)) };

        // With one delivery in the commit and one slot in the queue, one contender is refused at once.
        using var refused = await await Task.WhenAny(contenders);
        var body = await refused.Content.ReadAsStringAsync();
        store.Release();
        using var admitted = await contenders.Single(c => c.Result != refused);
        using var firstAnswer = await inFlight;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("inbox_busy", body, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], new[] { firstAnswer.StatusCode, admitted.StatusCode });
        Assert.Equal(2, (await host.InboxAsync()).Count);
    }

    private static Task<IntakeTestHost> StartAsync(int queueCapacity = 1024) =>
        IntakeTestHost.StartAsync(
            // One commit in flight, so a held commit keeps later deliveries in the queue.
            new Dictionary<string, string?>
            {
                ["Sync:Intake:AppendQueueCapacity"] = queueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sync:Intake:CommitsInFlight"] = "1",
            },
            services: services =>
            {
                services.AddSingleton(sp => new RecordingBatchStore(sp.GetRequiredService<SqliteSyncStore>()));
                services.AddSingleton<IInboxBatchStore>(sp => sp.GetRequiredService<RecordingBatchStore>());
            });

    private static string Row(int i) => $$"""{"email":"row{{i}}@example.com","updatedAt":"2026-11-27T08:00:00Z"}""";

    private static Task<HttpResponseMessage> Post(IntakeTestHost host, string body) =>
        host.PostAsync("/webhooks/clay", body, new Dictionary<string, string> { ["x-clay-webhook-auth"] = IntakeTestHost.ClayToken });

    /// <summary>Posts a row and ticks the store's counter the moment the answer arrives.</summary>
    private static async Task<Answer> Deliver(IntakeTestHost host, RecordingBatchStore store, string body)
    {
        using var response = await Post(host, body);
        var tick = store.Tick();
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var email = JsonDocument.Parse(body).RootElement.GetProperty("email").GetString();
        return new Answer($"email:{email}", response.StatusCode, tick, ack.RootElement.GetProperty("accepted").GetInt32(), ack.RootElement.GetProperty("duplicates").GetInt32());
    }

    private sealed record Answer(string RecordKey, HttpStatusCode Status, long Tick, int Accepted, int Duplicates);
}
