using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Simulators.Webhooks;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>
/// The real Outreach simulator delivers prospect events, each request with a fresh <c>Outreach-Webhook-ID</c>, under
/// duplicate and reorder chaos: copies must still be recognised and each record must end on its latest change.
/// </summary>
public sealed class OutreachSimulatorEndToEndTests : IAsyncLifetime
{
    private const string JsonApi = "application/vnd.api+json";
    private const int Prospects = 4;
    private const int Rounds = 4;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private IntakeTestHost _intake = null!;
    private OutreachSimulator _outreach = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _intake = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Inbox:Enabled"] = "true", ["Sync:Inbox:Workers"] = "2" }, _clock);
        var options = new OutreachOptions { Port = 0 };
        _outreach = new OutreachSimulator(options, new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 100, EnforceQuotas = false }, _clock, NullLoggerFactory.Instance);
        _outreach.Start();
        _api = new HttpClient { BaseAddress = new Uri(_outreach.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var token = await _api.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["redirect_uri"] = options.RedirectUri,
            ["code"] = options.AuthorizationCode,
        }));
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _outreach.DisposeAsync();
        await _intake.DisposeAsync();
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject document, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(document.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(JsonApi);
        using var response = await _api.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonObject Document(string type, JsonObject attributes, long? id = null)
    {
        var data = new JsonObject { ["type"] = type };
        if (id is not null)
        {
            data["id"] = id;
        }

        data["attributes"] = attributes;
        return new JsonObject { ["data"] = data };
    }

    private async Task SettleAsync()
    {
        var quiet = 0;
        var logged = -1;
        for (var i = 0; i < 3000 && quiet < 20; i++)
        {
            var pendingInbox = await _intake.Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Pending, Limit: 1), default);
            var attempts = _outreach.Webhooks!.Log.Snapshot().Count;
            quiet = _outreach.Webhooks.Pending == 0 && pendingInbox.Count == 0 && attempts == logged ? quiet + 1 : 0;
            logged = attempts;
            await Task.Delay(5);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(quiet >= 20, "webhook deliveries and the inbox did not settle");
    }

    [Fact]
    public async Task UnderDuplicatesAndReordering_CopiesAreRecognised_AndEachProspectEndsOnItsLatestChange()
    {
        await SendAsync(HttpMethod.Post, "/api/v2/webhooks", Document("webhook", new JsonObject { ["url"] = new Uri(_intake.BaseUrl, "/webhooks/outreach").AbsoluteUri, ["resource"] = "prospect", ["secret"] = IntakeTestHost.OutreachSecret }), HttpStatusCode.Created);
        using (var chaos = await _api.PutAsync("/__gtmguard/chaos", new StringContent(
            """{"seed":5,"webhooks":[{"effect":"duplicate","probability":0.4,"window":"2s"},{"effect":"reorder","probability":0.5,"window":"5s"}]}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, chaos.StatusCode);
        }

        var ids = new List<long>();
        for (var i = 0; i < Prospects; i++)
        {
            var created = await SendAsync(HttpMethod.Post, "/api/v2/prospects", Document("prospect", new JsonObject { ["emails"] = new JsonArray($"prospect{i}@example.com") }), HttpStatusCode.Created);
            ids.Add(created["data"]!["id"]!.GetValue<long>());
        }

        for (var round = 1; round <= Rounds; round++)
        {
            // Outreach keeps whole seconds: a second between rounds gives every change its own updatedAt.
            _clock.Advance(TimeSpan.FromSeconds(1));
            foreach (var id in ids)
            {
                await SendAsync(HttpMethod.Patch, $"/api/v2/prospects/{id}", Document("prospect", new JsonObject { ["title"] = $"title v{round}" }, id), HttpStatusCode.OK);
            }

            await Task.Delay(30);
        }

        await SettleAsync();

        var attempts = _outreach.Webhooks!.Log.Snapshot();
        var delivered = attempts.Where(a => a.Outcome == WebhookDeliveryAttempt.Delivered).SelectMany(a => a.EventIds).Distinct().Count();
        var inbox = await _intake.InboxAsync();
        var settled = inbox.Where(e => e.State != InboxEventState.Duplicate).ToList();
        var seen = _intake.Handler.Seen;

        // One settled row per distinct delivered event, whatever the number of copies; nothing left pending or failed.
        Assert.Equal(Prospects * (1 + Rounds), delivered);
        Assert.Equal(delivered, settled.Count);
        Assert.All(settled, e => Assert.Contains(e.State, new[] { InboxEventState.Applied, InboxEventState.Stale }));
        Assert.Contains(inbox, e => e.State == InboxEventState.Duplicate);

        // The handler saw each applied event once, per prospect never back in time, and every prospect's last change won.
        Assert.Equal(settled.Where(e => e.State == InboxEventState.Applied).Select(e => e.EventId).Order(), seen.Select(e => e.EventId).Order());
        foreach (var record in seen.GroupBy(e => e.RecordKey))
        {
            Assert.Equal(record.Select(e => e.OccurredAt).Order(), record.Select(e => e.OccurredAt));
        }

        foreach (var id in ids)
        {
            var latest = settled.Where(e => e.RecordKey == $"prospect:{id}").MaxBy(e => e.OccurredAt)!;
            Assert.Equal(InboxEventState.Applied, latest.State);
            Assert.Equal($"title v{Rounds}", JsonNode.Parse(latest.Payload)!["data"]!["attributes"]!["title"]!.GetValue<string>());
            Assert.Equal(latest.OccurredAt, (await _intake.Store.GetWatermarkAsync(VendorId.Outreach, $"prospect:{id}", default))!.OccurredAt);
        }
    }
}
