using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>
/// The real intake web app on a free loopback port, with its store in a temp folder, secrets in files, a fake clock,
/// its own metrics registry and a recording handler. Deleted on dispose.
/// </summary>
internal sealed class IntakeTestHost : IAsyncDisposable
{
    public const string HubSpotSecret = "hubspot-client-secret-for-tests";
    public const string OutreachSecret = "outreach-webhook-secret-for-tests";
    public const string ClayToken = "clay-shared-token-for-tests";

    private readonly string _directory;

    private IntakeTestHost(string directory, FakeTimeProvider clock, WebApplication app, RecordingHandler handler, WebhookMetrics metrics)
    {
        _directory = directory;
        Clock = clock;
        App = app;
        Handler = handler;
        Metrics = metrics;
        BaseUrl = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeTimeProvider Clock { get; }

    public WebApplication App { get; }

    public RecordingHandler Handler { get; }

    public WebhookMetrics Metrics { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public ISyncStore Store => App.Services.GetRequiredService<ISyncStore>();

    public InboxProcessor Processor => App.Services.GetRequiredService<InboxProcessor>();

    /// <summary>
    /// Starts the intake; <paramref name="settings"/> override the test defaults (processor off unless asked for) and
    /// <paramref name="services"/> registers replacements before the intake's own services.
    /// </summary>
    public static async Task<IntakeTestHost> StartAsync(
        IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null, RecordingHandler? handler = null, Action<IServiceCollection>? services = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gtmguard-intake-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "hubspot.secret"), HubSpotSecret + "\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "outreach.secret"), OutreachSecret);
        await File.WriteAllTextAsync(Path.Combine(directory, "clay.token"), ClayToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Defaults(directory)).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        handler ??= new RecordingHandler();
        var metrics = new WebhookMetrics(new CollectorRegistry());
        var app = WebhookIntakeHost.Build(configuration, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton(metrics);
            builder.Services.AddSingleton<IInboxEventHandler>(handler);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Delete(directory);
            throw;
        }

        return new IntakeTestHost(directory, clock, app, handler, metrics);
    }

    public static Dictionary<string, string?> Defaults(string directory) => new()
    {
        ["Sync:Store:Directory"] = directory,
        ["Sync:Intake:Url"] = "http://127.0.0.1:0",
        ["Sync:Intake:HubSpot:ClientSecretFile"] = Path.Combine(directory, "hubspot.secret"),
        ["Sync:Intake:Outreach:SecretFile"] = Path.Combine(directory, "outreach.secret"),
        ["Sync:Intake:Clay:TokenFile"] = Path.Combine(directory, "clay.token"),
        ["Sync:Inbox:Enabled"] = "false",
        ["Sync:Inbox:PollInterval"] = "00:00:00.050",
    };

    public string HubSpotUrl(string pathAndQuery = "/webhooks/hubspot") => new Uri(BaseUrl, pathAndQuery).AbsoluteUri;

    /// <summary>POSTs a HubSpot delivery signed v3 as HubSpot would (for <paramref name="signedUrl"/>, at <paramref name="timestamp"/>).</summary>
    public Task<HttpResponseMessage> PostHubSpotAsync(string body, string? secret = null, DateTimeOffset? timestamp = null, string? signedUrl = null, string path = "/webhooks/hubspot")
    {
        var ms = (timestamp ?? Clock.GetUtcNow()).ToUnixTimeMilliseconds();
        var request = Json(HttpMethod.Post, path, body, "application/json");
        request.Headers.Add("X-HubSpot-Signature-v3", HubSpotSignature.V3(secret ?? HubSpotSecret, "POST", signedUrl ?? HubSpotUrl(path), body, ms));
        request.Headers.Add("X-HubSpot-Request-Timestamp", ms.ToString(CultureInfo.InvariantCulture));
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body, IDictionary<string, string>? headers = null, string contentType = "application/json")
    {
        var request = Json(HttpMethod.Post, path, body, contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Http.SendAsync(request);
    }

    public async Task<IReadOnlyList<InboxEvent>> InboxAsync() => await Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 10_000), default);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Delete(_directory);
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string body, string contentType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    private static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
