using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Simulators.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.Outreach;

/// <summary>A real Outreach simulator on a free loopback port and a fake clock, with a client that holds a fresh access token.</summary>
internal sealed class OutreachTestHost : IAsyncDisposable
{
    public const string JsonApi = "application/vnd.api+json";

    private OutreachTestHost(FakeTimeProvider clock, OutreachSimulator simulator, OutreachOptions options)
    {
        Clock = clock;
        Simulator = simulator;
        Options = options;
        Http = SimulatorFactory.Client(simulator);
        Api = SimulatorFactory.Client(simulator);
    }

    public FakeTimeProvider Clock { get; }

    public OutreachSimulator Simulator { get; }

    public OutreachOptions Options { get; }

    /// <summary>No credentials: for OAuth and control endpoints.</summary>
    public HttpClient Http { get; }

    /// <summary>Sends the access token from the authorization_code grant.</summary>
    public HttpClient Api { get; }

    public static async Task<OutreachTestHost> StartAsync(Action<OutreachOptions>? configure = null)
    {
        var options = new OutreachOptions { Port = 0 };
        configure?.Invoke(options);
        var clock = SimulatorFactory.NewClock();
        var simulator = new OutreachSimulator(options, SimulatorFactory.Settings(), clock, NullLoggerFactory.Instance);
        simulator.Start();
        var host = new OutreachTestHost(clock, simulator, options);
        var token = await host.ExchangeCodeAsync();
        host.Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]!.GetValue<string>());
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Api.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>The authorization_code grant with the configured demo credentials; returns the token response.</summary>
    public async Task<JsonObject> ExchangeCodeAsync()
    {
        using var response = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["redirect_uri"] = Options.RedirectUri,
            ["code"] = Options.AuthorizationCode,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form) =>
        Http.PostAsync("/oauth/token", new FormUrlEncodedContent(form));

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) => TokenAsync(new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = Options.ClientId,
        ["client_secret"] = Options.ClientSecret,
        ["refresh_token"] = refreshToken,
    });

    /// <summary>Sends <paramref name="body"/> as raw text with the given content type (JSON:API unless told).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? contentType = JsonApi)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return Api.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode body) => SendAsync(method, path, body.ToJsonString());

    /// <summary>A JSON:API request document.</summary>
    public static JsonObject Document(string type, JsonObject? attributes = null, JsonObject? relationships = null, long? id = null)
    {
        var data = new JsonObject { ["type"] = type };
        if (id is not null)
        {
            data["id"] = id;
        }

        data["attributes"] = attributes ?? new JsonObject();
        if (relationships is not null)
        {
            data["relationships"] = relationships;
        }

        return new JsonObject { ["data"] = data };
    }

    public static JsonObject Link(string type, long id) => new() { ["data"] = new JsonObject { ["type"] = type, ["id"] = id } };

    public async Task<JsonObject> CreateProspectAsync(string email, JsonObject? more = null)
    {
        var attributes = more ?? new JsonObject();
        attributes["emails"] = new JsonArray(email);
        using var response = await SendAsync(HttpMethod.Post, "/api/v2/prospects", Document("prospect", attributes));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (JsonObject)(await Json(response))["data"]!;
    }

    public async Task<JsonObject> AddToSequenceAsync(long prospectId, long sequenceId = 1, long mailboxId = 1)
    {
        var relationships = new JsonObject
        {
            ["prospect"] = Link("prospect", prospectId),
            ["sequence"] = Link("sequence", sequenceId),
            ["mailbox"] = Link("mailbox", mailboxId),
        };
        using var response = await SendAsync(HttpMethod.Post, "/api/v2/sequenceStates", Document("sequenceState", relationships: relationships));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (JsonObject)(await Json(response))["data"]!;
    }

    public Task<HttpResponseMessage> ControlAsync(string path, JsonObject? body = null) =>
        Http.PostAsync("/__gtmguard" + path, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static async Task<JsonObject> Json(HttpResponseMessage response) =>
        (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The first error object of a JSON:API error document.</summary>
    public static async Task<JsonObject> FirstError(HttpResponseMessage response) => (JsonObject)(await Json(response))["errors"]![0]!;

    public static long Id(JsonNode resource) => resource["id"]!.GetValue<long>();

    /// <summary>Polls <paramref name="condition"/> (deliveries run on real sockets) until it holds or 10 seconds pass.</summary>
    public static async Task Eventually(Func<bool> condition, Func<string> describe)
    {
        var deadline = TimeSpan.FromSeconds(10);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "condition not met within 10 s: " + describe());
    }

    /// <summary>Creates a webhook through the API; returns its resource object.</summary>
    public async Task<JsonObject> CreateWebhookAsync(Uri url, string? resource = null, string? action = null, string? secret = "s3cret")
    {
        var attributes = new JsonObject { ["url"] = url.ToString() };
        if (resource is not null)
        {
            attributes["resource"] = resource;
        }

        if (action is not null)
        {
            attributes["action"] = action;
        }

        if (secret is not null)
        {
            attributes["secret"] = secret;
        }

        using var response = await SendAsync(HttpMethod.Post, "/api/v2/webhooks", Document("webhook", attributes));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (JsonObject)(await Json(response))["data"]!;
    }
}
