using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Webhooks;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>The real Clay simulator enriches submitted leads and calls the intake back, with our token, under duplicate chaos.</summary>
public sealed class ClaySimulatorEndToEndTests : IAsyncLifetime
{
    private const string SourceId = "sync-tests-source";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private IntakeTestHost _intake = null!;
    private ClaySimulator _clay = null!;
    private ClayOptions _options = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _intake = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Inbox:Enabled"] = "true" }, _clock);
        var table = new ClayTableOptions { Id = "t_leads", Name = "leads", WebhookSourceId = SourceId, CallbackUrl = new Uri(_intake.BaseUrl, "/webhooks/clay").AbsoluteUri, CallbackRequests = 100 };
        table.CallbackHeaders["x-clay-webhook-auth"] = IntakeTestHost.ClayToken;
        _options = new ClayOptions { Port = 0, NoMatchRate = 0, Tables = [table] };
        _clay = new ClaySimulator(_options, new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 100, EnforceQuotas = false }, _clock, NullLoggerFactory.Instance);
        _clay.Start();
        _http = new HttpClient { BaseAddress = new Uri(_clay.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _clay.DisposeAsync();
        await _intake.DisposeAsync();
    }

    private async Task SettleAsync()
    {
        var quiet = 0;
        var logged = -1;
        for (var i = 0; i < 3000 && quiet < 20; i++)
        {
            var pendingInbox = await _intake.Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Pending, Limit: 1), default);
            var attempts = _clay.Webhooks!.Log.Snapshot().Count;
            quiet = _clay.Webhooks.Pending == 0 && pendingInbox.Count == 0 && attempts == logged && attempts > 0 ? quiet + 1 : 0;
            logged = attempts;
            await Task.Delay(5);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(quiet >= 20, "callbacks and the inbox did not settle");
    }

    [Fact]
    public async Task EnrichedRowsCalledBackWithOurToken_AreAppliedOncePerRow_EvenWhenDeliveredTwice()
    {
        using (var chaos = await _http.PutAsync("/__gtmguard/chaos", new StringContent("""{"seed":3,"webhooks":[{"effect":"duplicate","probability":0.5,"window":"1s"}]}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, chaos.StatusCode);
        }

        var emails = Enumerable.Range(0, 8).Select(i => $"lead{i}@analytical.io").ToArray();
        using (var submitted = await _http.PostAsJsonAsync($"/v3/sources/webhook/{SourceId}", emails.Select(e => new { email = e }).ToArray()))
        {
            Assert.True(submitted.IsSuccessStatusCode, $"submit answered {submitted.StatusCode}");
        }

        _clock.Advance(_options.EnrichmentDelay);
        await SettleAsync();

        var inbox = await _intake.InboxAsync();
        var seen = _intake.Handler.Seen;
        var deliveries = _clay.Webhooks!.Log.Snapshot().Count(a => a.Outcome == WebhookDeliveryAttempt.Delivered);

        Assert.Equal(emails.Order(), seen.Select(e => JsonNode.Parse(e.Payload)!["email"]!.GetValue<string>()).Order());
        Assert.All(seen, e => Assert.Equal("enriched", JsonNode.Parse(e.Payload)!["clay_status"]!.GetValue<string>()));
        Assert.Equal(emails.Select(e => $"email:{e}").Order(), seen.Select(e => e.RecordKey).Order());
        Assert.True(deliveries > emails.Length, "chaos duplicated no callback");
        Assert.Equal(deliveries - emails.Length, inbox.Count(e => e.State == InboxEventState.Duplicate));
        Assert.Equal(emails.Length, _intake.Metrics.Count(VendorId.Clay, WebhookEventResult.Applied));
    }
}
