using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Outreach;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Contracts.Tests.Conformance;

/// <summary>Drives every Outreach operation GtmGuard uses, and the prospect, sequence-state and mailing webhooks, against the snapshot.</summary>
public sealed class OutreachConformanceTests : IAsyncLifetime
{
    private const string JsonApi = "application/vnd.api+json";

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = ConformanceHarness.NewClock();
    private readonly WebhookSink _sink = new();
    private OutreachOptions _options = null!;
    private OutreachSimulator _simulator = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _options = new OutreachOptions { Port = 0 };
        _simulator = new OutreachSimulator(_options, ConformanceHarness.Settings(), _clock, NullLoggerFactory.Instance);
        _simulator.Start();
        var token = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret,
            ["redirect_uri"] = _options.RedirectUri, ["code"] = _options.AuthorizationCode,
        }, HttpStatusCode.OK);
        await TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret, ["refresh_token"] = token["refresh_token"]!.GetValue<string>() }, HttpStatusCode.OK);
        await TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret, ["refresh_token"] = "stale" }, HttpStatusCode.BadRequest);
        _api = Client(token["access_token"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _simulator.DisposeAsync();
        _sink.Dispose();
    }

    [Fact]
    public async Task EveryOperationAndWebhook_MatchesTheSnapshot_WithZeroFindings()
    {
        var webhook = await SendAsync(HttpMethod.Post, "/api/v2/webhooks", Document("webhook", new JsonObject { ["url"] = _sink.Url.ToString(), ["resource"] = "*", ["action"] = "*", ["secret"] = "s3cret" }), HttpStatusCode.Created);
        var webhookId = Id(webhook);
        await SendAsync(HttpMethod.Get, "/api/v2/webhooks", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, $"/api/v2/webhooks/{webhookId}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Patch, $"/api/v2/webhooks/{webhookId}", Document("webhook", new JsonObject { ["payloadVersion"] = 1 }, id: webhookId), HttpStatusCode.OK);

        var prospect = Id(await SendAsync(HttpMethod.Post, "/api/v2/prospects", Document("prospect", new JsonObject
        {
            ["emails"] = new JsonArray("ada@example.com"), ["firstName"] = "Ada", ["lastName"] = "Lovelace", ["externalId"] = "hs-1001", ["custom1"] = "vip", ["tags"] = new JsonArray("gtm"),
        }), HttpStatusCode.Created));
        await SendAsync(HttpMethod.Post, "/api/v2/prospects", Document("prospect", new JsonObject { ["emails"] = new JsonArray("ada@example.com") }), (HttpStatusCode)422);
        await SendAsync(HttpMethod.Get, "/api/v2/prospects?filter[emails]=ada@example.com", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, "/api/v2/prospects", Document("prospect", new JsonObject { ["emails"] = new JsonArray("grace@example.com") }), HttpStatusCode.Created);
        var page = await SendAsync(HttpMethod.Get, "/api/v2/prospects?page[size]=1&count=false", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, new Uri(page!["links"]!["next"]!.GetValue<string>()).PathAndQuery, null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, $"/api/v2/prospects/{prospect}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, "/api/v2/prospects/999999", null, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Patch, $"/api/v2/prospects/{prospect}", Document("prospect", new JsonObject { ["title"] = "Countess", ["score"] = 42 }, id: prospect), HttpStatusCode.OK);

        var state = Id(await SendAsync(HttpMethod.Post, "/api/v2/sequenceStates", Document("sequenceState", new JsonObject(), new JsonObject
        {
            ["prospect"] = Link("prospect", prospect), ["sequence"] = Link("sequence", 1), ["mailbox"] = Link("mailbox", 1),
        }), HttpStatusCode.Created));
        await SendAsync(HttpMethod.Post, "/api/v2/sequenceStates", Document("sequenceState", new JsonObject(), new JsonObject
        {
            ["prospect"] = Link("prospect", prospect), ["sequence"] = Link("sequence", 1), ["mailbox"] = Link("mailbox", 999),
        }), (HttpStatusCode)422);
        await SendAsync(HttpMethod.Get, $"/api/v2/sequenceStates?filter[prospect][id]={prospect}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, $"/api/v2/sequenceStates/{state}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, $"/api/v2/sequenceStates/{state}/actions/pause", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, $"/api/v2/sequenceStates/{state}/actions/resume", null, HttpStatusCode.OK);
        await ControlAsync($"/sequenceStates/{state}/advance", new { open = true });
        await ControlAsync($"/prospects/{prospect}/reply", new { optOut = false });
        await SendAsync(HttpMethod.Get, "/api/v2/mailings", null, HttpStatusCode.OK);
        var mailings = await SendAsync(HttpMethod.Get, $"/api/v2/mailings?filter[prospect][id]={prospect}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, $"/api/v2/mailings/{Id(mailings!["data"]![0]!.AsObject())}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, "/api/v2/sequences", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, "/api/v2/sequences/1", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, "/api/v2/mailboxes", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, "/api/v2/mailboxes/1", null, HttpStatusCode.OK);

        var second = Id(await SendAsync(HttpMethod.Post, "/api/v2/sequenceStates", Document("sequenceState", new JsonObject(), new JsonObject
        {
            ["prospect"] = Link("prospect", prospect), ["sequence"] = Link("sequence", 2), ["mailbox"] = Link("mailbox", 1),
        }), HttpStatusCode.Created));
        await SendAsync(HttpMethod.Post, $"/api/v2/sequenceStates/{second}/actions/finish", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Delete, $"/api/v2/sequenceStates/{second}", null, HttpStatusCode.NoContent);
        await SendAsync(HttpMethod.Delete, $"/api/v2/prospects/{prospect}", null, HttpStatusCode.NoContent);
        await DriveErrorsAsync();
        await ConformanceHarness.AdvanceUntilAsync(_clock, () => _sink.Bodies.Any(b => b.Contains("prospect.destroyed", StringComparison.Ordinal)), TimeSpan.FromMilliseconds(200));
        await SendAsync(HttpMethod.Delete, $"/api/v2/webhooks/{webhookId}", null, HttpStatusCode.NoContent);

        var api = await ConformanceHarness.CheckJournalAsync(_simulator.BaseUrl, "outreach");
        var webhooks = await ConformanceHarness.CheckJournalAsync(_sink.BaseUrl);

        ConformanceHarness.AssertClean(api);
        ConformanceHarness.AssertClean(webhooks);
        var all = new GtmGuard.Contracts.Reports.ContractReport { Title = "all", Subject = "all", Findings = [], Operations = [.. api.Operations, .. webhooks.Operations] };
        await ConformanceHarness.AssertCoversAsync(all, "outreach", "webhook:mailing.bounced", "webhook:sequenceState.advanced");
        Assert.Contains(webhooks.Operations, o => o.Operation is "webhook:sequenceState.advanced" or "webhook:sequenceState.finished");
    }

    private async Task DriveErrorsAsync()
    {
        using (var anonymous = Client())
        using (var unauthorized = await anonymous.GetAsync("/api/v2/prospects"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }

        using (var wrongType = new HttpRequestMessage(HttpMethod.Post, "/api/v2/prospects") { Content = new StringContent("{\"data\":{\"type\":\"prospect\"}}", Encoding.UTF8, "application/json") })
        using (var unsupported = await _api.SendAsync(wrongType))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        }

        await SendAsync(HttpMethod.Get, "/api/v2/prospects?page[size]=0", null, HttpStatusCode.BadRequest);
        await ChaosAsync("prospects.read", "rateLimit");
        await SendAsync(HttpMethod.Get, "/api/v2/prospects/1", null, (HttpStatusCode)429);
        await ChaosAsync("prospects.list", "unavailable");
        await SendAsync(HttpMethod.Get, "/api/v2/prospects", null, HttpStatusCode.ServiceUnavailable);
        using var clear = await _api.DeleteAsync("/__gtmguard/chaos");
    }

    private async Task ChaosAsync(string operation, string fault)
    {
        using var response = await _api.PutAsJsonAsync("/__gtmguard/chaos", new { seed = 1, rules = new[] { new { operation, fault, probability = 1.0 } } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task ControlAsync(string path, object body)
    {
        using var response = await _api.PostAsJsonAsync("/__gtmguard" + path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonObject Document(string type, JsonObject attributes, JsonObject? relationships = null, long? id = null)
    {
        var data = new JsonObject { ["type"] = type };
        if (id is not null)
        {
            data["id"] = id;
        }

        data["attributes"] = attributes;
        if (relationships is not null)
        {
            data["relationships"] = relationships;
        }

        return new JsonObject { ["data"] = data };
    }

    private static JsonObject Link(string type, long id) => new() { ["data"] = new JsonObject { ["type"] = type, ["id"] = id } };

    private static long Id(JsonObject? document) => (document?["data"] ?? document)!["id"]!.GetValue<long>();

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonApi);
        }

        using var response = await _api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
    }

    private async Task<JsonObject> TokenAsync(Dictionary<string, string> form, HttpStatusCode expected)
    {
        using var anonymous = Client();
        using var response = await anonymous.PostAsync("/oauth/token", new FormUrlEncodedContent(form));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(_simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }
}
