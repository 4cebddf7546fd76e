using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.LoadTests.Metrics;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Sync;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Webhooks;
using GtmGuard.Sync.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace GtmGuard.LoadTests.Hosting;

/// <summary>
/// The system under load: the vendor simulators on free loopback ports with their real quotas (in this process, or in
/// their own reached over HTTP only), and the real sync core in process (store, intake, inbox processor, vendor clients,
/// workflows, outbox worker) pointed at them, as <c>gtmguard up</c> wires them. Every vendor client reports its attempts to the run's <see cref="RunRecorder"/>.
/// Credentials reach the sync core through process environment variables only; the store is deleted on dispose.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    public const string TableId = "t_loadtest";
    public const string SourceId = "pull-in-data-from-a-webhook-loadtest";

    private static readonly string[] HubSpotEventTypes = ["contact.creation", "contact.propertyChange"];

    private readonly List<string> _environment = [];
    private readonly string _directory;

    private SystemUnderTest(RunningSimulators simulators, string directory, string clayCallbackToken)
    {
        Simulators = simulators;
        _directory = directory;
        ClayCallbackToken = clayCallbackToken;
    }

    /// <summary>The shared token Clay's callbacks carry to the intake: random per run unless the caller chose one.</summary>
    public string ClayCallbackToken { get; }

    /// <summary>The secret Outreach signs its webhooks with, random per run.</summary>
    public string OutreachWebhookSecret { get; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    public RunningSimulators Simulators { get; }

    public WebApplication Sync { get; private set; } = null!;

    public Uri IntakeUrl { get; private set; } = null!;

    public ISyncStore Store => Sync.Services.GetRequiredService<ISyncStore>();

    public T Service<T>()
        where T : notnull => Sync.Services.GetRequiredService<T>();

    /// <summary>Simulator options as load tests start them: quotas on, no user mappings, a short request journal.</summary>
    public static SimulatorsOptions DefaultSimulators()
    {
        var options = new SimulatorsOptions();
        options.Settings.MappingsFolder = null;
        options.Settings.RequestJournalSize = 100;
        options.Settings.StateDirectory = Path.Combine(Path.GetTempPath(), "gtmguard-loadtests-state");
        options.Settings.Webhooks.MaxConcurrentDeliveries = 128;
        options.Settings.Webhooks.DeliveryLogSize = 1000;
        options.Salesforce.Port = 0;
        options.HubSpot.Port = 0;
        options.Outreach.Port = 0;
        options.Clay.Port = 0;
        options.Clay.NoMatchRate = 0;
        options.Clay.EnrichmentDelay = TimeSpan.FromMilliseconds(500);
        options.Clay.CreditBudget = 100_000_000;
        options.Clay.SubmissionCapPerSource = 100_000_000;
        options.Clay.Tables = [new ClayTableOptions { Id = TableId, Name = "load test leads", WebhookSourceId = SourceId }];
        return options;
    }

    public static async Task<SystemUnderTest> StartAsync(
        SimulatorsOptions simulatorOptions,
        IReadOnlyDictionary<string, string?> settings,
        RunRecorder recorder,
        IRequestObserver? observer,
        CancellationToken cancellationToken,
        bool hubSpotWebhooks = false,
        string? clayCallbackToken = null,
        SimulatorPlacement placement = SimulatorPlacement.InProcess)
    {
        ArgumentNullException.ThrowIfNull(simulatorOptions);
        ArgumentNullException.ThrowIfNull(settings);
        var simulators = await RunningSimulators.StartAsync(simulatorOptions, placement, cancellationToken).ConfigureAwait(false);
        var directory = Path.Combine(Path.GetTempPath(), "gtmguard-loadtests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var stack = new SystemUnderTest(simulators, directory, string.IsNullOrEmpty(clayCallbackToken) ? RandomNumberGenerator.GetHexString(32, lowercase: true) : clayCallbackToken);
        try
        {
            await stack.StartSyncAsync(settings, recorder, observer, cancellationToken).ConfigureAwait(false);
            await stack.SubscribeAsync(hubSpotWebhooks, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return stack;
    }

    private async Task StartSyncAsync(IReadOnlyDictionary<string, string?> settings, RunRecorder recorder, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sync:Store:Directory"] = _directory,
            ["Sync:Intake:Url"] = "http://127.0.0.1:0",
            ["Sync:Inbox:PollInterval"] = "00:00:00.050",
            ["Sync:Inbox:Workers"] = "4",
            ["Sync:Inbox:BatchSize"] = "200",
            ["Sync:Inbox:RetryBaseDelay"] = "00:00:00.200",
            ["Sync:Workflows:Outbox:PollInterval"] = "00:00:00.050",
            ["Sync:Workflows:Outbox:RetryBaseDelay"] = "00:00:00.200",
            ["Sync:Workflows:Outbox:BatchSize"] = "1000",
        };
        foreach (var (key, value) in SyncConnectionSettings.For(Simulators.Options, Simulators.Urls, new IntakeSecrets(OutreachWebhookSecret, ClayCallbackToken), Env))
        {
            configuration[key] = value;
        }

        if (Simulators.Urls.Salesforce is not null)
        {
            configuration["Sync:Vendors:Salesforce:BulkPollInitialDelay"] = "00:00:00.250";
        }

        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var built = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        Sync = WebhookIntakeHost.Build(built, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddFilter(_ => false);
            builder.Services.AddSingleton(new WebhookMetrics(new Prometheus.CollectorRegistry()));
            builder.Services.AddSingleton(Prometheus.Metrics.NewCustomRegistry());
            builder.Services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RequestTimingFilter(recorder, observer));
            builder.Services.AddGtmGuardVendorClients(builder.Configuration);
            builder.Services.AddGtmGuardWorkflows(builder.Configuration);
        });
        await Sync.StartAsync(cancellationToken).ConfigureAwait(false);
        IntakeUrl = new Uri(Sync.Urls.First());
    }

    /// <summary>HubSpot (only when its webhooks drive a workflow of the scenario) by its control API, Outreach by its webhook API, Clay by the table's callback: all to the intake.</summary>
    private async Task SubscribeAsync(bool hubSpotWebhooks, CancellationToken cancellationToken)
    {
        var options = Simulators.Options;
        if (hubSpotWebhooks && Simulators.Urls.HubSpot is { } hubSpot)
        {
            using var http = Client(hubSpot, options.HubSpot.PrivateAppToken);
            using var subscribed = await http.PostAsJsonAsync(
                "/__gtmguard/webhooks/subscriptions",
                new { targetUrl = Intake("hubspot"), eventTypes = HubSpotEventTypes },
                cancellationToken).ConfigureAwait(false);
            Ensure(subscribed, "HubSpot webhook subscription");
        }

        if (Simulators.Urls.Outreach is { } outreach)
        {
            using var http = Client(outreach, null);
            using var token = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = options.Outreach.ClientId,
                ["client_secret"] = options.Outreach.ClientSecret,
                ["redirect_uri"] = options.Outreach.RedirectUri,
                ["code"] = options.Outreach.AuthorizationCode,
            }), cancellationToken).ConfigureAwait(false);
            Ensure(token, "Outreach token");
            var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false))!["access_token"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            var document = new JsonObject { ["data"] = new JsonObject { ["type"] = "webhook", ["attributes"] = new JsonObject { ["url"] = Intake("outreach"), ["resource"] = "mailing", ["secret"] = OutreachWebhookSecret } } };
            using var content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/vnd.api+json");
            using var created = await http.PostAsync(new Uri("/api/v2/webhooks", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            Ensure(created, "Outreach webhook");
        }

        if (Simulators.Urls.Clay is { } clay)
        {
            using var http = Client(clay, null);
            using var callback = await http.PutAsJsonAsync(
                $"/__gtmguard/tables/{TableId}/callback",
                new { url = Intake("clay"), requests = 5000, perMilliseconds = 1000, headers = new Dictionary<string, string> { ["x-clay-webhook-auth"] = ClayCallbackToken } },
                cancellationToken).ConfigureAwait(false);
            Ensure(callback, "Clay table callback");
        }
    }

    public string Intake(string vendor) => new Uri(IntakeUrl, "/webhooks/" + vendor).AbsoluteUri;

    public static HttpClient Client(string baseUrl, string? bearer)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Whether the inbox and outbox hold nothing pending and no simulator has a webhook still to deliver.</summary>
    public async Task<bool> IsSettledAsync(CancellationToken cancellationToken)
    {
        var webhooks = await Simulators.PendingWebhooksAsync(cancellationToken).ConfigureAwait(false);
        if (webhooks > 0)
        {
            return false;
        }

        var inbox = await Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Pending, Limit: 1), cancellationToken).ConfigureAwait(false);
        var outbox = await Store.ListOutboxAsync(OutboxItemState.Pending, 1, cancellationToken).ConfigureAwait(false);
        return inbox.Count == 0 && outbox.Count == 0;
    }

    public async Task<long> DeadLetterCountAsync(CancellationToken cancellationToken) =>
        (await Store.ListDeadLettersAsync(new DeadLetterFilter(Limit: 100_000), cancellationToken).ConfigureAwait(false)).Count;

    private static void Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"{what} failed: {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    private string Env(string suffix, string value)
    {
        var name = $"GTMGUARD_LOADTEST_{Guid.NewGuid():N}_{suffix}";
        Environment.SetEnvironmentVariable(name, value);
        _environment.Add(name);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        if (Sync is not null)
        {
            await Sync.StopAsync().ConfigureAwait(false);
            await Sync.DisposeAsync().ConfigureAwait(false);
        }

        await Simulators.DisposeAsync().ConfigureAwait(false);
        foreach (var name in _environment)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
