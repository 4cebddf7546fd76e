using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;

namespace GtmGuard.Sync.Tests.Webhooks;

public sealed class HubSpotIntakeTests : IAsyncLifetime
{
    private IntakeTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IntakeTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private long Now => _host.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Delivery(params (long EventId, long ObjectId, long OccurredAt)[] events) =>
        new JsonArray(events.Select(e => (JsonNode)new JsonObject
        {
            ["eventId"] = e.EventId,
            ["subscriptionId"] = 7,
            ["portalId"] = 62515,
            ["appId"] = 54321,
            ["occurredAt"] = e.OccurredAt,
            ["subscriptionType"] = "contact.propertyChange",
            ["attemptNumber"] = 0,
            ["objectId"] = e.ObjectId,
            ["propertyName"] = "lead_score",
            ["propertyValue"] = "87",
            ["changeSource"] = "CRM",
        }).ToArray()).ToJsonString();

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task AValidV3Delivery_IsInTheInboxWhenThe200Arrives()
    {
        var body = Delivery((1001, 11, Now - 2000), (1002, 12, Now - 1000));

        using var response = await _host.PostHubSpotAsync(body);
        var stored = await _host.InboxAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await BodyAsync(response))["accepted"]!.GetValue<int>());
        Assert.Equal(["7:1001", "7:1002"], stored.Select(e => e.EventId));
        Assert.Equal(["contact:11", "contact:12"], stored.Select(e => e.RecordKey));
        Assert.All(stored, e => Assert.Equal((VendorId.HubSpot, InboxEventState.Pending, "contact.propertyChange"), (e.Vendor, e.State, e.EventType)));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Now - 2000), stored[0].OccurredAt);
        Assert.Equal(1001, JsonNode.Parse(stored[0].Payload)!["eventId"]!.GetValue<long>());
        Assert.Equal(2, _host.Metrics.Count(VendorId.HubSpot, WebhookEventResult.Accepted));
    }

    [Fact]
    public async Task AWrongSignature_Is401_AndNothingIsStored()
    {
        using var response = await _host.PostHubSpotAsync(Delivery((1, 1, Now)), secret: "not-the-secret");
        var body = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_signature", body["error"]!.GetValue<string>());
        Assert.Empty(await _host.InboxAsync());
        Assert.Equal(1, _host.Metrics.Count(VendorId.HubSpot, WebhookEventResult.BadSignature));
    }

    [Fact]
    public async Task AMissingSignature_Is401_AndNothingIsStored()
    {
        using var response = await _host.PostAsync("/webhooks/hubspot", Delivery((1, 1, Now)), new Dictionary<string, string> { ["X-HubSpot-Request-Timestamp"] = Now.ToString(CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-HubSpot-Signature-v3", (await BodyAsync(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await _host.InboxAsync());
    }

    [Fact]
    public async Task ATimestampOlderThanFiveMinutes_Is401_EvenWithACorrectSignature()
    {
        var signedAt = _host.Clock.GetUtcNow();
        _host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));

        using var response = await _host.PostHubSpotAsync(Delivery((1, 1, Now)), timestamp: signedAt);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("5-minute window", (await BodyAsync(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await _host.InboxAsync());
    }

    [Fact]
    public async Task ATimestampJustInsideTheWindow_IsAccepted()
    {
        var signedAt = _host.Clock.GetUtcNow();
        _host.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));

        using var response = await _host.PostHubSpotAsync(Delivery((1, 1, Now)), timestamp: signedAt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"eventId":1}""", "JSON array")]
    [InlineData("""[{"eventId":1,"objectId":2,"occurredAt":1764234000000,"subscriptionType":"contact.creation"},{"eventId":2,"objectId":3,"subscriptionType":"contact.creation"}]""", "event [1]")]
    [InlineData("""[{"eventId":1,"objectId":2,"occurredAt":"yesterday","subscriptionType":"contact.creation"}]""", "occurredAt")]
    [InlineData("""[42]""", "not an object")]
    public async Task AMalformedBody_WithAValidSignature_Is400_AndNothingIsStored(string body, string explained)
    {
        using var response = await _host.PostHubSpotAsync(body);
        var error = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed_body", error["error"]!.GetValue<string>());
        Assert.Contains(explained, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await _host.InboxAsync());
        Assert.Equal(1, _host.Metrics.Count(VendorId.HubSpot, WebhookEventResult.Malformed));
    }

    [Fact]
    public async Task ARedelivery_OfKnownEvents_StillAnswers200_AndIsStoredAsDuplicates()
    {
        var body = Delivery((1, 1, Now), (2, 2, Now));
        using var first = await _host.PostHubSpotAsync(body);

        using var again = await _host.PostHubSpotAsync(body);
        var ack = await BodyAsync(again);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((0, 2), (ack["accepted"]!.GetValue<int>(), ack["duplicates"]!.GetValue<int>()));
        Assert.Equal(2, (await _host.Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Pending), default)).Count);
        Assert.Equal(2, _host.Metrics.Count(VendorId.HubSpot, WebhookEventResult.Duplicate));
    }

    [Fact]
    public async Task TheQueryString_IsPartOfWhatIsSigned_WithHubSpotsDecodedEscapes()
    {
        const string path = "/webhooks/hubspot?portal=62515&note=a%3Ab%2Fc";
        var body = Delivery((1, 1, Now));

        using var signedWithQuery = await _host.PostHubSpotAsync(body, path: path);
        using var signedWithoutQuery = await _host.PostHubSpotAsync(body, path: path, signedUrl: _host.HubSpotUrl());

        Assert.Equal(HttpStatusCode.OK, signedWithQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedWithoutQuery.StatusCode);
    }

    [Fact]
    public async Task AV1OnlyDelivery_IsRefused_UnlessV1IsEnabled()
    {
        var body = Delivery((1, 1, Now));
        var v1 = new Dictionary<string, string> { ["X-HubSpot-Signature"] = HubSpotSignature.V1(IntakeTestHost.HubSpotSecret, body), ["X-HubSpot-Signature-Version"] = "v1" };
        await using var lenient = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Intake:HubSpot:AcceptV1Signatures"] = "true" });

        using var strict = await _host.PostAsync("/webhooks/hubspot", body, v1);
        using var accepted = await lenient.PostAsync("/webhooks/hubspot", body, v1);
        using var forged = await lenient.PostAsync("/webhooks/hubspot", body, new Dictionary<string, string> { ["X-HubSpot-Signature"] = HubSpotSignature.V1("wrong", body) });

        Assert.Equal(HttpStatusCode.Unauthorized, strict.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task BehindAProxy_TheConfiguredPublicUrlIsWhatTheSignatureCovers()
    {
        await using var proxied = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Intake:PublicBaseUrl"] = "https://hooks.example.com/gtm/" });
        var body = Delivery((1, 1, Now));

        using var publicUrl = await proxied.PostHubSpotAsync(body, signedUrl: "https://hooks.example.com/gtm/webhooks/hubspot");
        using var localUrl = await proxied.PostHubSpotAsync(body);

        Assert.Equal(HttpStatusCode.OK, publicUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, localUrl.StatusCode);
    }

    [Fact]
    public async Task GenericObjectSubscriptions_MapStandardTypeIdsToRecordNames()
    {
        var body = $$"""[{"eventId":5,"subscriptionId":1,"objectTypeId":"0-1","objectId":77,"occurredAt":{{Now}},"subscriptionType":"object.propertyChange"},{"eventId":6,"subscriptionId":1,"objectTypeId":"2-123","objectId":78,"occurredAt":{{Now}},"subscriptionType":"object.creation"}]""";

        using var response = await _host.PostHubSpotAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["contact:77", "2-123:78"], (await _host.InboxAsync()).Select(e => e.RecordKey));
    }
}
