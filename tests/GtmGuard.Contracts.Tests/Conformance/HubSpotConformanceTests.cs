using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.HubSpot;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Contracts.Tests.Conformance;

/// <summary>Drives every HubSpot operation and webhook GtmGuard uses on the simulator and checks the traffic against the snapshot.</summary>
public sealed class HubSpotConformanceTests : IAsyncLifetime
{
    private const string Contacts = "/crm/v3/objects/contacts";

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = ConformanceHarness.NewClock();
    private readonly WebhookSink _sink = new();
    private HubSpotOptions _options = null!;
    private HubSpotSimulator _simulator = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _options = new HubSpotOptions { Port = 0 };
        _simulator = new HubSpotSimulator(_options, ConformanceHarness.Settings(), _clock, NullLoggerFactory.Instance);
        _simulator.Start();
        _http = Client(_options.PrivateAppToken);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
        _sink.Dispose();
    }

    [Fact]
    public async Task EveryOperation_MatchesTheSnapshot_WithZeroFindings()
    {
        await DriveOAuthAsync();
        await DriveContactsAsync();
        await DriveBatchesAsync();
        await DriveErrorsAsync();

        var report = await ConformanceHarness.CheckJournalAsync(_simulator.BaseUrl, "hubspot");

        ConformanceHarness.AssertClean(report);
        await ConformanceHarness.AssertCoversAsync(report, "hubspot", "webhook:contact.creation", "webhook:contact.propertyChange", "webhook:contact.deletion");
    }

    [Fact]
    public async Task WebhookDeliveries_ForCreationPropertyChangeAndDeletion_MatchTheSnapshot()
    {
        await SubscribeAsync("contact.creation", "contact.propertyChange", "contact.deletion");

        var id = await CreateAsync(new { email = "hooks@example.com", firstname = "Hook", lead_score = "12" });
        await SendAsync(HttpMethod.Patch, $"{Contacts}/{id}", new { properties = new { lead_score = "99", firstname = "" } }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Delete, $"{Contacts}/{id}", null, HttpStatusCode.NoContent);
        await ConformanceHarness.AdvanceUntilAsync(_clock, () => Delivered() >= 7, TimeSpan.FromMilliseconds(200));
        var report = await ConformanceHarness.CheckJournalAsync(_sink.BaseUrl);

        ConformanceHarness.AssertClean(report);
        Assert.Contains(report.Operations, o => o.Operation == "webhook:contact.creation");
        Assert.Contains(report.Operations, o => o.Operation == "webhook:contact.propertyChange");
        Assert.Contains(report.Operations, o => o.Operation == "webhook:contact.deletion");
    }

    private int Delivered() => _sink.Bodies.Sum(b => JsonNode.Parse(b) is JsonArray events ? events.Count : 1);

    internal async Task DriveOAuthAsync()
    {
        var token = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret,
            ["redirect_uri"] = _options.RedirectUri, ["code"] = _options.AuthorizationCode,
        }, HttpStatusCode.OK);
        var refreshed = await TokenAsync(new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret, ["refresh_token"] = token["refresh_token"]!.GetValue<string>(),
        }, HttpStatusCode.OK);
        await TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret, ["refresh_token"] = "nope" }, HttpStatusCode.BadRequest);
        using var anonymous = Client();
        using var info = await anonymous.GetAsync("/oauth/v1/access-tokens/" + refreshed["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        using var unknown = await anonymous.GetAsync("/oauth/v1/access-tokens/unknown-token");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // An OAuth call, then the same token after expiry: 401 EXPIRED_AUTHENTICATION.
        using var oauth = Client(refreshed["access_token"]!.GetValue<string>());
        using var list = await oauth.GetAsync(Contacts + "?limit=1");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        (await anonymous.PostAsync("/__gtmguard/tokens/expire", null)).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(5));
        using var expired = await oauth.GetAsync(Contacts + "?limit=1");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        using var missing = await anonymous.GetAsync(Contacts);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
    }

    private async Task DriveContactsAsync()
    {
        var id = await CreateAsync(new { email = "ada@example.com", firstname = "Ada", lastname = "Lovelace", lead_score = "87" });
        await CreateAsync(new { email = "grace@example.com", firstname = "Grace" });
        await CreateAsync(new { email = "linus@example.com" });
        await SendAsync(HttpMethod.Post, Contacts, new { properties = new { email = "ada@example.com" } }, HttpStatusCode.Conflict);
        await SendAsync(HttpMethod.Get, $"{Contacts}/{id}?properties=email,lead_score,missing_property", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, $"{Contacts}/ada@example.com?idProperty=email", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, $"{Contacts}/999", null, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Patch, $"{Contacts}/{id}", new { properties = new { lead_score = "90", lastname = (string?)null } }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Patch, $"{Contacts}/999", new { properties = new { lead_score = "1" } }, HttpStatusCode.NotFound);
        var page = await SendAsync(HttpMethod.Get, $"{Contacts}?limit=2&properties=email", null, HttpStatusCode.OK);
        var after = page!["paging"]!["next"]!["after"]!.GetValue<string>();
        await SendAsync(HttpMethod.Get, $"{Contacts}?limit=2&after={after}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, Contacts + "/search", new
        {
            filterGroups = new[] { new { filters = new[] { new { propertyName = "email", @operator = "CONTAINS_TOKEN", value = "*@example.com" } } } },
            sorts = new[] { new { propertyName = "email", direction = "ASCENDING" } },
            properties = new[] { "email", "firstname" },
            limit = 1,
        }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, Contacts, new { properties = new { email = "x@example.com", no_such_property = "1" } }, HttpStatusCode.BadRequest);
        await SendAsync(HttpMethod.Delete, $"{Contacts}/{id}", null, HttpStatusCode.NoContent);
    }

    private async Task DriveBatchesAsync()
    {
        var created = await SendAsync(HttpMethod.Post, Contacts + "/batch/create", new
        {
            inputs = new[] { new { properties = new { email = "b1@example.com" } }, new { properties = new { email = "b2@example.com" } } },
        }, HttpStatusCode.Created);
        var ids = created!["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray();
        await SendAsync(HttpMethod.Post, Contacts + "/batch/create", new
        {
            inputs = new object[]
            {
                new { properties = new { email = "b3@example.com" }, objectWriteTraceId = "t-1" },
                new { properties = new { email = "b1@example.com" }, objectWriteTraceId = "t-2" },
            },
        }, HttpStatusCode.MultiStatus);
        await SendAsync(HttpMethod.Post, Contacts + "/batch/read", new { properties = new[] { "email" }, inputs = ids.Select(i => new { id = i }) }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, Contacts + "/batch/read", new { inputs = new[] { new { id = ids[0] }, new { id = "123" } } }, HttpStatusCode.MultiStatus);
        await SendAsync(HttpMethod.Post, Contacts + "/batch/update", new { inputs = ids.Select(i => new { id = i, properties = new { lead_score = "5" } }) }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, Contacts + "/batch/update", new { inputs = new[] { new { id = "123", properties = new { lead_score = "5" } } } }, HttpStatusCode.MultiStatus);
        await SendAsync(HttpMethod.Post, Contacts + "/batch/upsert", new
        {
            inputs = new[]
            {
                new { idProperty = "email", id = "b1@example.com", properties = new { firstname = "Existing" } },
                new { idProperty = "email", id = "new@example.com", properties = new { firstname = "New" } },
            },
        }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, Contacts + "/batch/upsert", new
        {
            inputs = new object[]
            {
                new { idProperty = "email", id = "b2@example.com", properties = new { firstname = "Fine" } },
                new { idProperty = "email", id = "b3@example.com", properties = new { email = "b2@example.com" } },
            },
        }, HttpStatusCode.MultiStatus);
        await SendAsync(HttpMethod.Post, Contacts + "/batch/archive", new { inputs = ids.Select(i => new { id = i }) }, HttpStatusCode.NoContent);
    }

    private async Task DriveErrorsAsync()
    {
        await ChaosAsync("contacts.read", "rateLimit");
        await SendAsync(HttpMethod.Get, $"{Contacts}/1", null, (HttpStatusCode)429);
        await ChaosAsync("contacts.list", "serverError");
        await SendAsync(HttpMethod.Get, Contacts, null, HttpStatusCode.InternalServerError);
        await ChaosAsync("contacts.search", "unavailable");
        await SendAsync(HttpMethod.Post, Contacts + "/search", new { limit = 1 }, HttpStatusCode.ServiceUnavailable);
        using var clear = await _http.DeleteAsync("/__gtmguard/chaos");
    }

    private async Task ChaosAsync(string operation, string fault)
    {
        using var response = await _http.PutAsJsonAsync("/__gtmguard/chaos", new { seed = 1, rules = new[] { new { operation, fault, probability = 1.0 } } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task SubscribeAsync(params string[] eventTypes)
    {
        using var response = await _http.PostAsJsonAsync("/__gtmguard/webhooks/subscriptions", new { targetUrl = _sink.Url.ToString(), eventTypes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<string> CreateAsync(object properties)
    {
        var created = await SendAsync(HttpMethod.Post, Contacts, new { properties }, HttpStatusCode.Created);
        return created!["id"]!.GetValue<string>();
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null;
    }

    private async Task<JsonObject> TokenAsync(Dictionary<string, string> form, HttpStatusCode expected)
    {
        using var anonymous = Client();
        using var response = await anonymous.PostAsync("/oauth/v1/token", new FormUrlEncodedContent(form));
        Assert.Equal(expected, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
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
