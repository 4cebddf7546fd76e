using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Webhooks;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>
/// The real HubSpot simulator delivers contact events to the real intake under webhook chaos (duplicates, reordering,
/// corrupted signatures); the processor must apply each delivered event at most once, per record in event-time order,
/// and end every record on its latest change.
/// </summary>
public sealed class HubSpotSimulatorEndToEndTests : IAsyncLifetime
{
    private const int Contacts = 6;
    private const int Rounds = 5;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private IntakeTestHost _intake = null!;
    private HubSpotSimulator _hubspot = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _intake = await IntakeTestHost.StartAsync(
            new Dictionary<string, string?> { ["Sync:Inbox:Enabled"] = "true", ["Sync:Inbox:Workers"] = "3", ["Sync:Inbox:BatchSize"] = "4" },
            _clock);
        var settings = new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 100, EnforceQuotas = false };
        // HubSpot's 24-hour retry schedule shrinks to about a second of fake time.
        settings.Webhooks.TimeCompression = 86_400;
        _hubspot = new HubSpotSimulator(new HubSpotOptions { Port = 0, ClientSecret = IntakeTestHost.HubSpotSecret }, settings, _clock, NullLoggerFactory.Instance);
        _hubspot.Start();
        _api = new HttpClient { BaseAddress = new Uri(_hubspot.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        _api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", new HubSpotOptions().PrivateAppToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _hubspot.DisposeAsync();
        await _intake.DisposeAsync();
    }

    private static long HubSpotEventId(InboxEvent e) => JsonNode.Parse(e.Payload)!["eventId"]!.GetValue<long>();

    private async Task<string> CreateContactAsync(int i)
    {
        using var response = await _api.PostAsJsonAsync("/crm/v3/objects/contacts", new { properties = new { email = $"lead{i}@example.com", lead_score = "0" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private async Task SetLeadScoreAsync(string id, int score)
    {
        using var response = await _api.PatchAsJsonAsync($"/crm/v3/objects/contacts/{id}", new { properties = new { lead_score = score.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Moves fake time in small steps until every delivery (retries included) is done and the inbox is worked off, and
    /// stays so for a while: the dispatcher's pending count can read zero for an instant while a delivery is handed over.
    /// </summary>
    private async Task SettleAsync()
    {
        var quiet = 0;
        var logged = -1;
        for (var i = 0; i < 3000 && quiet < 20; i++)
        {
            var pendingInbox = await _intake.Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Pending, Limit: 1), default);
            var attempts = _hubspot.Webhooks!.Log.Snapshot().Count;
            quiet = _hubspot.Webhooks.Pending == 0 && pendingInbox.Count == 0 && attempts == logged ? quiet + 1 : 0;
            logged = attempts;
            await Task.Delay(5);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(quiet >= 20, "webhook deliveries and the inbox did not settle");
    }

    [Fact]
    public async Task UnderDuplicatesReorderingAndBadSignatures_EachDeliveredEventIsAppliedOnce_InEventTimeOrderPerRecord()
    {
        using (var subscribe = await _api.PostAsJsonAsync("/__gtmguard/webhooks/subscriptions", new { targetUrl = _intake.HubSpotUrl(), eventTypes = new[] { "contact.creation", "contact.propertyChange" } }))
        {
            Assert.Equal(HttpStatusCode.Created, subscribe.StatusCode);
        }

        using (var chaos = await _api.PutAsync("/__gtmguard/chaos", new StringContent(
            """{"seed":11,"webhooks":[{"effect":"duplicate","probability":0.3,"window":"2s"},{"effect":"reorder","probability":0.5,"window":"5s"},{"effect":"corruptSignature","probability":0.1}]}""",
            Encoding.UTF8,
            "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, chaos.StatusCode);
        }

        var ids = new List<string>();
        for (var i = 0; i < Contacts; i++)
        {
            ids.Add(await CreateContactAsync(i));
        }

        for (var round = 1; round <= Rounds; round++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                await SetLeadScoreAsync(id, (round * 10) + i);
            }

            // Let the dispatcher pick this round up as its own batch, so chaos can reorder rounds against each other.
            await Task.Delay(30);
        }

        await SettleAsync();

        var attempts = _hubspot.Webhooks!.Log.Snapshot();
        var delivered = attempts.Where(a => a.Outcome == WebhookDeliveryAttempt.Delivered).SelectMany(a => a.EventIds).Select(long.Parse).ToHashSet();
        var neverDelivered = attempts.SelectMany(a => a.EventIds).Select(long.Parse).Where(id => !delivered.Contains(id)).ToHashSet();
        var inbox = await _intake.InboxAsync();
        var settled = inbox.Where(e => e.State != InboxEventState.Duplicate).ToList();
        var applied = settled.Where(e => e.State == InboxEventState.Applied).ToList();
        var seen = _intake.Handler.Seen;

        // Every delivered event was stored and settled exactly once; copies were recognised; nothing is left pending or failed.
        Assert.Equal(delivered.Order(), settled.Select(HubSpotEventId).Order());
        Assert.All(settled, e => Assert.Contains(e.State, new[] { InboxEventState.Applied, InboxEventState.Stale }));
        Assert.DoesNotContain(inbox, e => neverDelivered.Contains(HubSpotEventId(e)));

        // The handler saw each applied event once, and per record never went back in event time.
        Assert.Equal(applied.Select(HubSpotEventId).Order(), seen.Select(HubSpotEventId).Order());
        Assert.Equal(seen.Count, seen.Select(e => e.EventId).Distinct().Count());
        foreach (var record in seen.GroupBy(e => e.RecordKey))
        {
            var times = record.Select(e => e.OccurredAt).ToList();
            Assert.Equal(times.Order(), times);
        }

        // Last writer wins by event time: every record's latest delivered change was applied and is its watermark.
        foreach (var record in settled.GroupBy(e => e.RecordKey))
        {
            var latest = record.Max(e => e.OccurredAt);
            Assert.All(record.Where(e => e.OccurredAt == latest), e => Assert.Equal(InboxEventState.Applied, e.State));
            Assert.Equal(latest, (await _intake.Store.GetWatermarkAsync(VendorId.HubSpot, record.Key, default))!.OccurredAt);
        }

        // The chaos really happened, so the assertions above were exercised.
        Assert.Contains(inbox, e => e.State == InboxEventState.Duplicate);
        Assert.Contains(settled, e => e.State == InboxEventState.Stale);
        Assert.True(_intake.Metrics.Count(VendorId.HubSpot, WebhookEventResult.BadSignature) > 0);
        // Per contact: the creation, two property changes at creation (email, lead_score), one change per round.
        Assert.Equal(Contacts * (1 + 2 + Rounds), delivered.Count + neverDelivered.Count);
    }
}
