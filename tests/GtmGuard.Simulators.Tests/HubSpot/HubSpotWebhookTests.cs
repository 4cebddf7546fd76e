using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Tests.Webhooks;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotWebhookTests : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();
    private HubSpotTestHost _host = null!;
    private HttpClient _control = null!;

    public Task InitializeAsync()
    {
        // 1440× compression: HubSpot's 24-hour retry schedule fits in a minute of fake time.
        _host = HubSpotTestHost.Start(settings: s => s.Webhooks.TimeCompression = 1440);
        _control = _host.Client();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _host.DisposeAsync();
        _receiver.Dispose();
    }

    private async Task Subscribe(params string[] eventTypes)
    {
        using var response = await _control.PostAsJsonAsync("/__gtmguard/webhooks/subscriptions", new { targetUrl = _receiver.Url.ToString(), eventTypes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task AdvanceUntil(Func<bool> condition, TimeSpan step)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(10);
            if (!condition())
            {
                _host.Clock.Advance(step);
            }
        }

        Assert.True(condition(), "webhook condition not met in time");
    }

    private IEnumerable<JsonObject> Events() => _receiver.Received.SelectMany(r => r.Json.AsArray()).Select(e => e!.AsObject());

    [Fact]
    public async Task CreatingAContact_DeliversCreationAndPropertyChangeEvents_WithHubSpotsFields()
    {
        await Subscribe("contact.creation", "contact.propertyChange:lead_score");

        var contact = await _host.CreateContactAsync(new { email = "ada@example.com", firstname = "Ada", lead_score = "87" });
        await AdvanceUntil(() => Events().Count() == 2, TimeSpan.FromMilliseconds(50));

        var creation = Events().Single(e => e["subscriptionType"]!.GetValue<string>() == "contact.creation");
        var change = Events().Single(e => e["subscriptionType"]!.GetValue<string>() == "contact.propertyChange");
        Assert.Equal(long.Parse(contact["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), creation["objectId"]!.GetValue<long>());
        Assert.Equal("NEW", creation["changeFlag"]!.GetValue<string>());
        Assert.Equal(_host.Options.PortalId, creation["portalId"]!.GetValue<long>());
        Assert.Equal(0, creation["attemptNumber"]!.GetValue<int>());
        Assert.InRange(creation["occurredAt"]!.GetValue<long>(), _host.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds(), _host.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Equal("lead_score", change["propertyName"]!.GetValue<string>());
        Assert.Equal("87", change["propertyValue"]!.GetValue<string>());
        Assert.NotEqual(creation["eventId"]!.GetValue<long>(), change["eventId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Deliveries_AreSignedV1AndV3_WithTheAppsClientSecret()
    {
        await Subscribe("contact.creation");

        await _host.CreateContactAsync(new { email = "sig@example.com" });
        await AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromMilliseconds(50));
        var delivery = _receiver.Received[0];
        var timestamp = long.Parse(delivery.Headers["X-HubSpot-Request-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HubSpotSignature.V1(_host.Options.ClientSecret, delivery.Body), delivery.Headers["X-HubSpot-Signature"]);
        Assert.Equal(HubSpotSignature.V3(_host.Options.ClientSecret, "POST", delivery.Url, delivery.Body, timestamp), delivery.Headers["X-HubSpot-Signature-v3"]);
        Assert.InRange(timestamp, _host.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds(), _host.Clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task ManyChanges_AreBatchedUpTo100EventsPerRequest()
    {
        await Subscribe("contact.creation");
        var inputs = Enumerable.Range(0, 100).Select(i => new { properties = new { email = $"bulk{i}@example.com" } }).ToArray();

        using var first = await _host.Http.PostAsJsonAsync("/crm/v3/objects/contacts/batch/create", new { inputs });
        using var second = await _host.Http.PostAsJsonAsync("/crm/v3/objects/contacts/batch/create", new { inputs = inputs.Take(50).Select(i => new { properties = new { email = "more" + i.properties.email } }).ToArray() });
        await AdvanceUntil(() => Events().Count() == 150, TimeSpan.FromMilliseconds(50));

        Assert.All(_receiver.Received, r => Assert.InRange(r.Json.AsArray().Count, 1, 100));
        Assert.Equal(150, Events().Select(e => e["objectId"]!.GetValue<long>()).Distinct().Count());
    }

    [Fact]
    public async Task AFailedDelivery_IsRetriedOnHubSpotsSchedule_WithARisingAttemptNumber()
    {
        _receiver.AnswerWith(500, 429, 404);
        await Subscribe("contact.deletion");
        var contact = await _host.CreateContactAsync(new { email = "gone@example.com" });

        using var deleted = await _host.Http.DeleteAsync($"/crm/v3/objects/contacts/{contact["id"]}");
        await AdvanceUntil(() => _receiver.Received.Count == 4, TimeSpan.FromMilliseconds(200));
        var log = await _control.GetFromJsonAsync<JsonObject>("/__gtmguard/webhooks/deliveries");
        var attempts = log!["attempts"]!.AsArray();

        Assert.Equal([0, 1, 2, 3], _receiver.Received.Select(r => r.Json[0]!["attemptNumber"]!.GetValue<int>()));
        Assert.Equal(["failed", "failed", "failed", "delivered"], attempts.Select(a => a!["outcome"]!.GetValue<string>()));
        // 1 min, then 5 min, compressed 1440×: about 42 ms and 208 ms of fake time.
        var at = attempts.Select(a => a!["at"]!.GetValue<DateTimeOffset>()).ToArray();
        Assert.InRange(at[1] - at[0], TimeSpan.FromMilliseconds(41), TimeSpan.FromMilliseconds(700));
        Assert.True(at[2] - at[1] >= TimeSpan.FromMilliseconds(208));
    }

    [Fact]
    public async Task WebhookChaos_FromTheControlApi_DuplicatesAndDriftsPayloads()
    {
        await Subscribe("contact.propertyChange");
        using var plan = await _control.PutAsync("/__gtmguard/chaos", new StringContent(
            """{"seed":3,"webhooks":[{"effect":"duplicate","window":"1s"},{"effect":"drift","field":"propertyValue","renameTo":"value"}]}""",
            Encoding.UTF8,
            "application/json"));

        await _host.CreateContactAsync(new { email = "drift@example.com" });
        await AdvanceUntil(() => _receiver.Received.Count == 2, TimeSpan.FromMilliseconds(100));

        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal(_receiver.Received[0].Json[0]!["eventId"]!.GetValue<long>(), _receiver.Received[1].Json[0]!["eventId"]!.GetValue<long>());
        Assert.All(Events(), e => Assert.False(e.ContainsKey("propertyValue")));
        Assert.All(Events(), e => Assert.Equal("drift@example.com", e["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Subscribing_AnExternalTarget_IsRefusedWithAClearError()
    {
        using var response = await _control.PostAsJsonAsync("/__gtmguard/webhooks/subscriptions", new { targetUrl = "http://198.51.100.7/hooks", eventTypes = new[] { "contact.creation" } });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("loopback", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSubscription_NoDelivery()
    {
        await _host.CreateContactAsync(new { email = "quiet@example.com" });
        await Task.Delay(200);

        Assert.Empty(_receiver.Received);
        Assert.Equal(0, _host.Simulator.Webhooks!.Pending);
        Assert.DoesNotContain(_host.Simulator.Webhooks.Log.Snapshot(), a => a.Outcome == WebhookDeliveryAttempt.Delivered);
    }
}
