using System.Net;
using System.Security.Cryptography;
using System.Text;
using GtmGuard.Simulators.Tests.Webhooks;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachWebhookTests : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();
    private OutreachTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OutreachTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _receiver.Dispose();
    }

    private List<string> EventNames() => _receiver.Received.Select(r => r.Json["meta"]!["eventName"]!.GetValue<string>()).ToList();

    private Task ReceivedAsync(int count) =>
        OutreachTestHost.Eventually(() => _receiver.Received.Count >= count, () => $"{_receiver.Received.Count} of {count} deliveries: {string.Join(", ", EventNames())}");

    private static string Hmac(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task CreateWebhook_DefaultsResourceAndActionToStar_AndCanBeListedReadAndDeleted()
    {
        var webhook = await _host.CreateWebhookAsync(_receiver.Url);
        var path = $"/api/v2/webhooks/{OutreachTestHost.Id(webhook)}";

        using var list = await _host.Api.GetAsync("/api/v2/webhooks");
        using var read = await _host.Api.GetAsync(path);
        using var deleted = await _host.Api.DeleteAsync(path);
        using var gone = await _host.Api.GetAsync(path);

        var attributes = webhook["attributes"]!;
        Assert.Equal("*", attributes["resource"]!.GetValue<string>());
        Assert.Equal("*", attributes["action"]!.GetValue<string>());
        Assert.True(attributes["active"]!.GetValue<bool>());
        Assert.Equal(_receiver.Url.ToString(), attributes["url"]!.GetValue<string>());
        Assert.Equal("s3cret", attributes["secret"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:00:00.000Z", attributes["createdAt"]!.GetValue<string>());
        Assert.Single((await OutreachTestHost.Json(list))["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(_host.Simulator.Webhooks!.Subscriptions);
    }

    [Theory]
    [InlineData("prospect", "opened", "/data/attributes/action")]
    [InlineData("mailing", "finished", "/data/attributes/action")]
    [InlineData("import", "updated", "/data/attributes/action")]
    [InlineData("*", "exploded", "/data/attributes/action")]
    [InlineData("widget", "*", "/data/attributes/resource")]
    public async Task CreateWebhook_ForAPairOutreachDoesNotOffer_Is422(string resource, string action, string pointsAt)
    {
        var document = OutreachTestHost.Document("webhook", new() { ["url"] = _receiver.Url.ToString(), ["resource"] = resource, ["action"] = action });

        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/webhooks", document);

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validationError", error["id"]!.GetValue<string>());
        Assert.Equal(pointsAt, error["source"]!["pointer"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sequenceState", "advanced")]
    [InlineData("mailing", "replied")]
    [InlineData("*", "replied")]
    [InlineData("task", "completed")]
    [InlineData("mailing", "*")]
    public async Task CreateWebhook_ForAnOfferedPair_IsAccepted(string resource, string action)
    {
        var webhook = await _host.CreateWebhookAsync(_receiver.Url, resource, action);

        Assert.Equal(resource, webhook["attributes"]!["resource"]!.GetValue<string>());
        Assert.Equal(action, webhook["attributes"]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateWebhook_ForAUrlOffLoopback_Is422NamingTheUrl()
    {
        var document = OutreachTestHost.Document("webhook", new() { ["url"] = "https://hooks.example.com/outreach" });

        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/webhooks", document);

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/data/attributes/url", error["source"]!["pointer"]!.GetValue<string>());
        Assert.Equal(0, _host.Simulator.StateSummary()["webhooks"]);
    }

    [Fact]
    public async Task ProspectCreated_IsDelivered_SignedWithTheWebhookSecret()
    {
        await _host.CreateWebhookAsync(_receiver.Url, "prospect", "created", secret: "whsec-1");

        var prospect = await _host.CreateProspectAsync("ada@example.com", new() { ["firstName"] = "Ada" });
        await ReceivedAsync(1);

        var delivery = _receiver.Received[0];
        var data = delivery.Json["data"]!;
        Assert.Equal(Hmac("whsec-1", delivery.Body), delivery.Headers["Outreach-Webhook-Signature"]);
        Assert.True(Guid.TryParse(delivery.Headers["Outreach-Webhook-ID"], out _));
        Assert.StartsWith(OutreachTestHost.JsonApi, delivery.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("prospect.created", delivery.Json["meta"]!["eventName"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:00:00.000+00:00", delivery.Json["meta"]!["deliveredAt"]!.GetValue<string>());
        Assert.Equal("prospect", data["type"]!.GetValue<string>());
        Assert.Equal(OutreachTestHost.Id(prospect), data["id"]!.GetValue<long>());
        Assert.Equal("Ada", data["attributes"]!["firstName"]!.GetValue<string>());
        Assert.Equal(1, data["relationships"]!["owner"]!["data"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task ProspectUpdated_CarriesOnlyTheChangedAttributes()
    {
        await _host.CreateWebhookAsync(_receiver.Url, "prospect", "updated");
        var prospect = await _host.CreateProspectAsync("ada@example.com", new() { ["firstName"] = "Ada", ["title"] = "CTO" });
        _host.Clock.Advance(TimeSpan.FromMinutes(3));

        using var patched = await _host.SendAsync(HttpMethod.Patch, $"/api/v2/prospects/{OutreachTestHost.Id(prospect)}", OutreachTestHost.Document("prospect", new() { ["title"] = "CEO", ["firstName"] = "Ada" }));
        await ReceivedAsync(1);

        var attributes = _receiver.Received.Single().Json["data"]!["attributes"]!.AsObject();
        Assert.Equal(["title", "updatedAt"], attributes.Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal("CEO", attributes["title"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:03:00.000Z", attributes["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProspectDestroyed_CarriesTheLastKnownAttributes()
    {
        await _host.CreateWebhookAsync(_receiver.Url, "prospect", "destroyed");
        var prospect = await _host.CreateProspectAsync("ada@example.com", new() { ["firstName"] = "Ada" });

        using var deleted = await _host.Api.DeleteAsync($"/api/v2/prospects/{OutreachTestHost.Id(prospect)}");
        await ReceivedAsync(1);

        var delivery = _receiver.Received.Single().Json;
        Assert.Equal("prospect.destroyed", delivery["meta"]!["eventName"]!.GetValue<string>());
        Assert.Equal("Ada", delivery["data"]!["attributes"]!["firstName"]!.GetValue<string>());
        Assert.Equal("ada@example.com", delivery["data"]!["attributes"]!["emails"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AWebhookForOneAction_DoesNotReceiveOtherActions()
    {
        await _host.CreateWebhookAsync(_receiver.Url, "prospect", "updated");
        var prospect = await _host.CreateProspectAsync("ada@example.com");

        using var patched = await _host.SendAsync(HttpMethod.Patch, $"/api/v2/prospects/{OutreachTestHost.Id(prospect)}", OutreachTestHost.Document("prospect", new() { ["title"] = "CEO" }));
        await ReceivedAsync(1);

        Assert.Equal(["prospect.updated"], EventNames());
    }

    [Fact]
    public async Task ADeletedWebhook_ReceivesNothingMore()
    {
        var removed = await _host.CreateWebhookAsync(new Uri(_receiver.Url + "?removed"));
        await _host.CreateWebhookAsync(new Uri(_receiver.Url + "?kept"));
        using var deleted = await _host.Api.DeleteAsync($"/api/v2/webhooks/{OutreachTestHost.Id(removed)}");

        await _host.CreateProspectAsync("ada@example.com");
        await ReceivedAsync(1);
        await OutreachTestHost.Eventually(() => _host.Simulator.Webhooks!.Pending == 0, () => "deliveries still pending");

        Assert.All(_receiver.Received, r => Assert.EndsWith("?kept", r.Url, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Simulator.Webhooks!.Log.Snapshot(), a => a.SubscriptionId == $"outreach-webhook-{OutreachTestHost.Id(removed)}");
    }

    [Fact]
    public async Task AnInactiveWebhook_IsNotDeliveredTo_UntilReactivated()
    {
        var webhook = await _host.CreateWebhookAsync(_receiver.Url, "prospect", "*");
        var path = $"/api/v2/webhooks/{OutreachTestHost.Id(webhook)}";
        using var paused = await _host.SendAsync(HttpMethod.Patch, path, OutreachTestHost.Document("webhook", new() { ["active"] = false }));
        await _host.CreateProspectAsync("ada@example.com");

        using var resumed = await _host.SendAsync(HttpMethod.Patch, path, OutreachTestHost.Document("webhook", new() { ["active"] = true }));
        await _host.CreateProspectAsync("grace@example.com");
        await ReceivedAsync(1);

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.False((await OutreachTestHost.Json(paused))["data"]!["attributes"]!["active"]!.GetValue<bool>());
        Assert.Equal(["grace@example.com"], _receiver.Received.Select(r => r.Json["data"]!["attributes"]!["emails"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryEventAndEveryRequest_HasItsOwnId()
    {
        await _host.CreateWebhookAsync(_receiver.Url);

        for (var i = 0; i < 3; i++)
        {
            await _host.CreateProspectAsync($"p{i}@example.com");
        }

        await ReceivedAsync(3);
        await OutreachTestHost.Eventually(() => _host.Simulator.Webhooks!.Log.Snapshot().Count == 3, () => "delivery log incomplete");

        var eventIds = _host.Simulator.Webhooks!.Log.Snapshot().SelectMany(a => a.EventIds).ToList();
        Assert.Equal(3, eventIds.Distinct().Count());
        Assert.Equal(3, _receiver.Received.Select(r => r.Headers["Outreach-Webhook-ID"]).Distinct().Count());
    }

    [Fact]
    public async Task AWebhookWithoutASecret_IsDeliveredUnsigned()
    {
        await _host.CreateWebhookAsync(_receiver.Url, secret: null);

        await _host.CreateProspectAsync("ada@example.com");
        await ReceivedAsync(1);

        Assert.False(_receiver.Received[0].Headers.ContainsKey("Outreach-Webhook-Signature"));
        Assert.True(_receiver.Received[0].Headers.ContainsKey("Outreach-Webhook-ID"));
    }

    [Fact]
    public async Task ResetState_RemovesWebhooksAndTheirSubscriptions()
    {
        await _host.CreateWebhookAsync(_receiver.Url);

        using var reset = await _host.Http.PostAsync("/__gtmguard/reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, _host.Simulator.StateSummary()["webhooks"]);
        Assert.Empty(_host.Simulator.Webhooks!.Subscriptions);
        Assert.Equal(2, _host.Simulator.StateSummary()["sequences"]);
        Assert.Equal(1, _host.Simulator.StateSummary()["mailboxes"]);
    }
}
