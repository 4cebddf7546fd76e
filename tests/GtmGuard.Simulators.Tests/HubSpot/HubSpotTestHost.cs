using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.HubSpot;

/// <summary>A HubSpot simulator on a free port and a fake clock, with a client that presents the private-app token.</summary>
public sealed class HubSpotTestHost : IAsyncDisposable
{
    public const string Contacts = "/crm/v3/objects/contacts";

    private HubSpotTestHost(FakeTimeProvider clock, HubSpotOptions options, HubSpotSimulator simulator)
    {
        Clock = clock;
        Options = options;
        Simulator = simulator;
        Http = Client(options.PrivateAppToken);
    }

    public FakeTimeProvider Clock { get; }

    public HubSpotSimulator Simulator { get; }

    public HubSpotOptions Options { get; }

    /// <summary>Authenticated with the private-app token.</summary>
    public HttpClient Http { get; }

    public static HubSpotTestHost Start(Action<HubSpotOptions>? configure = null, Action<SimulatorSettings>? settings = null)
    {
        var clock = SimulatorFactory.NewClock();
        var options = new HubSpotOptions { Port = 0 };
        configure?.Invoke(options);
        var simulatorSettings = SimulatorFactory.Settings();
        settings?.Invoke(simulatorSettings);
        var simulator = new HubSpotSimulator(options, simulatorSettings, clock, NullLoggerFactory.Instance);
        simulator.Start();
        return new HubSpotTestHost(clock, options, simulator);
    }

    public HttpClient Client(string? bearer = null) => SimulatorFactory.Client(Simulator, bearer);

    public async Task<JsonObject> CreateContactAsync(object properties)
    {
        using var response = await Http.PostAsJsonAsync(Contacts, new { properties });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await HubSpotAssert.JsonObjectAsync(response);
    }

    /// <summary>Exchanges the demo authorization code for an OAuth access token.</summary>
    public async Task<JsonObject> AuthorizeAsync()
    {
        using var response = await PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["redirect_uri"] = Options.RedirectUri,
            ["code"] = Options.AuthorizationCode,
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await HubSpotAssert.JsonObjectAsync(response);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        using var anonymous = Client();
        return await anonymous.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Sends a raw body with the given content type, for inputs a typed client would never produce.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, "/__gtmguard" + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
