using System.Net;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;

namespace GtmGuard.Sync.Tests.Webhooks;

public sealed class ClayIntakeTests : IAsyncLifetime
{
    private IntakeTestHost _host = null!;

    public async Task InitializeAsync() => _host = await IntakeTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string body, string? token = IntakeTestHost.ClayToken) =>
        _host.PostAsync("/webhooks/clay", body, token is null ? null : new Dictionary<string, string> { ["x-clay-webhook-auth"] = token });

    [Fact]
    public async Task ARowWithTheSharedToken_IsStored_KeyedByEmail_AtItsUpdatedAt()
    {
        const string row = """{"clay_row_id":"r_123","email":"Ada@Example.com","company":"Analytical Engines","lead_score":91,"updatedAt":"2026-11-27T08:30:00Z"}""";

        using var response = await PostAsync(row);
        var stored = Assert.Single(await _host.InboxAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("sha256:", stored.EventId, StringComparison.Ordinal);
        Assert.Equal(("email:ada@example.com", "row.callback", VendorId.Clay), (stored.RecordKey, stored.EventType, stored.Vendor));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero), stored.OccurredAt);
    }

    [Fact]
    public async Task TheSameRowResent_IsADuplicate_ButAReEnrichedRowIsNew()
    {
        const string row = """{"clay_row_id":"r_9","title":"Rear Admiral"}""";
        const string reEnriched = """{"clay_row_id":"r_9","title":"Rear Admiral","lead_score":88}""";

        using var first = await PostAsync(row);
        using var resent = await PostAsync(row);
        using var next = await PostAsync(reEnriched);
        var stored = await _host.InboxAsync();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, resent.StatusCode, next.StatusCode });
        Assert.Equal([Sync.Storage.InboxEventState.Pending, Sync.Storage.InboxEventState.Duplicate, Sync.Storage.InboxEventState.Pending], stored.Select(e => e.State));
        Assert.All(stored, e => Assert.Equal("clay_row_id:r_9", e.RecordKey));
        Assert.Equal(_host.Clock.GetUtcNow(), stored[0].OccurredAt);
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("clay-shared-token-for-tests-and-more")]
    [InlineData(null)]
    public async Task AWrongOrMissingToken_Is401_AndNothingIsStored(string? token)
    {
        using var response = await PostAsync("""{"row_id":"r_1"}""", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _host.InboxAsync());
        Assert.Equal(1, _host.Metrics.Count(VendorId.Clay, WebhookEventResult.BadSignature));
    }

    [Theory]
    [InlineData("""[{"clay_row_id":"r_1"},{"clay_row_id":"r_2"}]""", "one JSON object")]
    [InlineData("""{"clay_row_id":"r_1","updatedAt":"last tuesday"}""", "updatedAt")]
    [InlineData("", "not valid JSON")]
    [InlineData("""{"email":"\ud83d@example.com"}""", "not valid UTF-8")] // a lone surrogate: JsonDocument takes it, reading the string does not
    public async Task AMalformedRow_Is400_AndNothingIsStored(string body, string explained)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(explained, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _host.InboxAsync());
    }
}
