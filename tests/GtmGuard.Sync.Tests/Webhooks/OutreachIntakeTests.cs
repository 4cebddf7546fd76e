using System.Net;
using System.Security.Cryptography;
using System.Text;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;

namespace GtmGuard.Sync.Tests.Webhooks;

public sealed class OutreachIntakeTests : IAsyncLifetime
{
    private const string ProspectUpdated = """
        {"data":{"type":"prospect","id":54,"attributes":{"emails":["ada@example.com"],"updatedAt":"2026-11-27T08:59:58.123Z"},"relationships":{}},
         "meta":{"deliveredAt":"2026-11-27T08:59:59.697+00:00","eventName":"prospect.updated"}}
        """;

    private IntakeTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IntakeTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Sign(string body, string secret = IntakeTestHost.OutreachSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private Task<HttpResponseMessage> PostAsync(string body, string? signature, string? webhookId = null)
    {
        var headers = new Dictionary<string, string>();
        if (signature is not null)
        {
            headers["Outreach-Webhook-Signature"] = signature;
        }

        if (webhookId is not null)
        {
            headers["Outreach-Webhook-ID"] = webhookId;
        }

        return _host.PostAsync("/webhooks/outreach", body, headers, "application/vnd.api+json");
    }

    [Fact]
    public async Task AValidHmac_IsStored_KeyedByTheRecord_WithTheRecordsChangeTime()
    {
        using var response = await PostAsync(ProspectUpdated, Sign(ProspectUpdated), "5a3c2c52-7c0e-4a6e-9a58-0d3f1c4a8f00");
        var stored = Assert.Single(await _host.InboxAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("prospect:54:prospect.updated:", stored.EventId, StringComparison.Ordinal);
        Assert.Equal(("prospect:54", "prospect.updated", VendorId.Outreach), (stored.RecordKey, stored.EventType, stored.Vendor));
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T08:59:58.123Z", System.Globalization.CultureInfo.InvariantCulture), stored.OccurredAt);
    }

    [Fact]
    public async Task ARedelivery_WithANewWebhookIdAndDeliveredAt_IsStillADuplicate()
    {
        var redelivery = ProspectUpdated.Replace("2026-11-27T08:59:59.697+00:00", "2026-11-27T09:00:01.001+00:00", StringComparison.Ordinal);
        var otherChange = ProspectUpdated.Replace("ada@", "ada.l@", StringComparison.Ordinal);

        using var first = await PostAsync(ProspectUpdated, Sign(ProspectUpdated), Guid.NewGuid().ToString());
        using var second = await PostAsync(redelivery, Sign(redelivery), Guid.NewGuid().ToString());
        using var third = await PostAsync(otherChange, Sign(otherChange), Guid.NewGuid().ToString());
        var states = (await _host.InboxAsync()).Select(e => e.State);

        Assert.Equal([Sync.Storage.InboxEventState.Pending, Sync.Storage.InboxEventState.Duplicate, Sync.Storage.InboxEventState.Pending], states);
    }

    [Fact]
    public async Task WithoutUpdatedAt_DeliveredAtIsTheEventTime()
    {
        const string destroyed = """{"data":{"type":"prospect","id":"54"},"meta":{"deliveredAt":"2026-11-27T09:00:00.000+00:00","eventName":"prospect.destroyed"}}""";

        using var response = await PostAsync(destroyed, Sign(destroyed));
        var stored = Assert.Single(await _host.InboxAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("prospect:54", "prospect.destroyed"), (stored.RecordKey, stored.EventType));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), stored.OccurredAt);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData(null)]
    public async Task AWrongOrMissingSignature_Is401_AndNothingIsStored(string? secret)
    {
        using var response = await PostAsync(ProspectUpdated, secret is null ? null : Sign(ProspectUpdated, secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _host.InboxAsync());
        Assert.Equal(1, _host.Metrics.Count(VendorId.Outreach, WebhookEventResult.BadSignature));
    }

    [Fact]
    public async Task ASignatureOverADifferentBody_Is401()
    {
        var tampered = ProspectUpdated.Replace("ada@", "eve@", StringComparison.Ordinal);

        using var response = await PostAsync(tampered, Sign(ProspectUpdated));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnUppercaseHexSignature_IsAccepted()
    {
        using var response = await PostAsync(ProspectUpdated, Sign(ProspectUpdated).ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"data":{"type":"prospect","id":54},"meta":{"deliveredAt":"2026-11-27T09:00:00Z"}}""", "meta.eventName")]
    [InlineData("""{"data":{"type":"prospect","id":54},"meta":{"eventName":"prospect.updated"}}""", "deliveredAt")]
    [InlineData("""[{"data":{}}]""", "'data' and 'meta'")]
    public async Task AnIncompleteEvent_Is400_AndNothingIsStored(string body, string explained)
    {
        using var response = await PostAsync(body, Sign(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(explained, text, StringComparison.Ordinal);
        Assert.Empty(await _host.InboxAsync());
    }
}
