using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Salesforce;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.Salesforce;

/// <summary>
/// A Salesforce simulator started in-process on a free loopback port, on a fake clock, with a session
/// already issued through the refresh-token flow. Each instance has its own state directory for the JWT keys.
/// </summary>
internal sealed class SalesforceTestHost : IAsyncDisposable
{
    public const string Version = "66.0";
    public const string Data = "/services/data/v" + Version;

    private readonly string _stateDirectory;

    private SalesforceTestHost(SalesforceSimulator simulator, FakeTimeProvider clock, string stateDirectory)
    {
        Simulator = simulator;
        Clock = clock;
        _stateDirectory = stateDirectory;
        Anonymous = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public SalesforceSimulator Simulator { get; }

    public FakeTimeProvider Clock { get; }

    public SalesforceOptions Options { get; private init; } = null!;

    /// <summary>A client carrying the session in <c>Authorization: Bearer</c>.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client without a session, for the token endpoint and unauthenticated calls.</summary>
    public HttpClient Anonymous { get; }

    public string AccessToken { get; private set; } = string.Empty;

    public static async Task<SalesforceTestHost> StartAsync(Action<SalesforceOptions>? configure = null, Action<SimulatorSettings>? configureSettings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var options = new SalesforceOptions { Port = 0, BulkProcessingDelay = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        var stateDirectory = Path.Combine(Path.GetTempPath(), "gtmguard-sf-tests", Guid.NewGuid().ToString("N"));
        SeedJwtKeys(stateDirectory);
        var settings = new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 100, StateDirectory = stateDirectory };
        configureSettings?.Invoke(settings);
        var simulator = new SalesforceSimulator(options, settings, clock, NullLoggerFactory.Instance);
        simulator.Start();
        var host = new SalesforceTestHost(simulator, clock, stateDirectory) { Options = options };
        await host.LoginAsync();
        return host;
    }

    /// <summary>
    /// Writes one key pair per test run where the simulator looks for a generated pair, so each start
    /// reuses it instead of paying for a new RSA key.
    /// </summary>
    private static void SeedJwtKeys(string stateDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(stateDirectory, "salesforce-jwt")).FullName;
        File.WriteAllText(Path.Combine(folder, "private.pem"), SharedKeys.Value.PrivatePem);
        File.WriteAllText(Path.Combine(folder, "public.pem"), SharedKeys.Value.PublicPem);
    }

    private static readonly Lazy<(string PrivatePem, string PublicPem)> SharedKeys = new(() =>
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    /// <summary>Gets a fresh session with the refresh-token grant and points <see cref="Http"/> at it.</summary>
    public async Task LoginAsync()
    {
        var token = await TokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = Options.RefreshToken,
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
        });
        AccessToken = token["access_token"]!.GetValue<string>();
        Http?.Dispose();
        Http = new HttpClient { BaseAddress = new Uri(Simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
    }

    public async Task<JsonObject> TokenAsync(Dictionary<string, string> form)
    {
        using var response = await Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Creates a record through REST and returns its id.</summary>
    public async Task<string> CreateAsync(string sobject, object fields)
    {
        using var response = await PostJsonAsync($"{Data}/sobjects/{sobject}", fields);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Create {sobject} failed: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>Field names as written, not camel-cased: Salesforce spells fields LastName, External_Id__c.</summary>
    public static JsonSerializerOptions Json { get; } = new() { PropertyNamingPolicy = null };

    public Task<HttpResponseMessage> PostJsonAsync(string path, object value) => Http.PostAsJsonAsync(path, value, Json);

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json, string contentType = "application/json") =>
        Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, contentType) });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>One simulator shared by a test class whose tests do not depend on each other's state.</summary>
public sealed class SalesforceHostFixture : IAsyncLifetime
{
    internal SalesforceTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SalesforceTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Reads Salesforce responses in tests.</summary>
internal static class SalesforceResponseExtensions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The errorCode of a REST error array's first element.</summary>
    public static async Task<string> ErrorCodeAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync())[0]!["errorCode"]!.GetValue<string>();

    public static async Task<string> ErrorMessageAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync())[0]!["message"]!.GetValue<string>();
}
