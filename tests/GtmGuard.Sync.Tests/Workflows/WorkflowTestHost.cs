using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Simulators.Salesforce;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Webhooks;
using GtmGuard.Sync.Workflows;
using GtmGuard.Sync.Workflows.Enrichment;
using GtmGuard.Sync.Workflows.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>
/// All four simulators and the whole sync core (store, intake, inbox processor, vendor clients, workflows, outbox worker)
/// on free loopback ports and one fake clock, wired as <c>gtmguard up</c> wires them: HubSpot, Outreach and Clay deliver
/// webhooks to the intake. Credentials reach the sync core only through environment variables. Deleted on dispose.
/// </summary>
internal sealed class WorkflowTestHost : IAsyncDisposable
{
    public const string TableId = "t_leads";
    public const string SourceId = "pull-in-data-from-a-webhook-workflow-tests";
    public const string OutreachWebhookSecret = "outreach-webhook-secret-for-workflow-tests";
    public const string ClayCallbackToken = "clay-callback-token-for-workflow-tests";

    private readonly List<string> _environment = [];
    private readonly List<string> _secrets = [];
    private readonly string _directory;

    private WorkflowTestHost(string directory, TestClock clock, HubSpotSimulator hubSpot, SalesforceSimulator salesforce, OutreachSimulator outreach, ClaySimulator clay)
    {
        _directory = directory;
        Clock = clock;
        HubSpot = hubSpot;
        Salesforce = salesforce;
        Outreach = outreach;
        Clay = clay;
    }

    public TestClock Clock { get; }

    public HubSpotSimulator HubSpot { get; }

    public SalesforceSimulator Salesforce { get; }

    public OutreachSimulator Outreach { get; }

    public ClaySimulator Clay { get; }

    public WebApplication App { get; private set; } = null!;

    public LogCapture Logs { get; } = new();

    public ISyncStore Store => App.Services.GetRequiredService<ISyncStore>();

    public LeadSubmitter Submitter => App.Services.GetRequiredService<LeadSubmitter>();

    public OutboxSender Outbox => App.Services.GetRequiredService<OutboxSender>();

    public Uri IntakeUrl { get; private set; } = null!;

    /// <summary>Every secret value handed to the sync core (through environment variables).</summary>
    public IReadOnlyList<string> Secrets => _secrets;

    /// <summary>
    /// Starts the simulators and the sync core. <paramref name="simulators"/> may change the simulators' settings and the
    /// HubSpot portal (quotas are off unless it turns them on); <paramref name="simulatorLogs"/> receives their logs.
    /// </summary>
    public static async Task<WorkflowTestHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<SimulatorSettings, HubSpotOptions>? simulators = null,
        ILoggerFactory? simulatorLogs = null)
    {
        var clock = new TestClock();
        var simulatorSettings = new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 2000, EnforceQuotas = false };
        simulatorSettings.Webhooks.TimeCompression = 86_400;
        var hubSpotOptions = new HubSpotOptions { Port = 0 };
        simulators?.Invoke(simulatorSettings, hubSpotOptions);
        var hubSpot = new HubSpotSimulator(hubSpotOptions, simulatorSettings, clock, simulatorLogs ?? NullLoggerFactory.Instance);
        var salesforce = new SalesforceSimulator(new SalesforceOptions { Port = 0 }, simulatorSettings, clock, NullLoggerFactory.Instance);
        var outreach = new OutreachSimulator(new OutreachOptions { Port = 0 }, simulatorSettings, clock, NullLoggerFactory.Instance);
        var clay = new ClaySimulator(
            new ClayOptions { Port = 0, NoMatchRate = 0, Tables = [new ClayTableOptions { Id = TableId, Name = "leads", WebhookSourceId = SourceId }] },
            simulatorSettings,
            clock,
            NullLoggerFactory.Instance);
        hubSpot.Start();
        salesforce.Start();
        outreach.Start();
        clay.Start();

        var directory = Path.Combine(Path.GetTempPath(), "gtmguard-workflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var host = new WorkflowTestHost(directory, clock, hubSpot, salesforce, outreach, clay);
        await host.StartSyncAsync(settings);
        await host.SubscribeAsync();
        return host;
    }

    private async Task StartSyncAsync(IDictionary<string, string?>? settings)
    {
        var hubSpotOptions = new HubSpotOptions();
        var salesforceOptions = new SalesforceOptions();
        var outreachOptions = new OutreachOptions();
        var clayOptions = new ClayOptions();
        var configuration = new Dictionary<string, string?>
        {
            ["Sync:Store:Directory"] = _directory,
            ["Sync:Intake:Url"] = "http://127.0.0.1:0",
            ["Sync:Intake:HubSpot:ClientSecretEnv"] = Env("HS_SECRET", hubSpotOptions.ClientSecret),
            ["Sync:Intake:Outreach:SecretEnv"] = Env("OR_HOOK", OutreachWebhookSecret),
            ["Sync:Intake:Clay:TokenEnv"] = Env("CLAY_HOOK", ClayCallbackToken),
            ["Sync:Inbox:PollInterval"] = "00:00:00.050",
            ["Sync:Inbox:RetryBaseDelay"] = "00:00:00.100",
            ["Sync:Vendors:HubSpot:BaseUrl"] = HubSpot.BaseUrl,
            ["Sync:Vendors:HubSpot:Auth"] = "PrivateApp",
            ["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = Env("HS_PAT", hubSpotOptions.PrivateAppToken),
            ["Sync:Vendors:Salesforce:BaseUrl"] = Salesforce.BaseUrl,
            ["Sync:Vendors:Salesforce:Auth"] = "RefreshToken",
            ["Sync:Vendors:Salesforce:ClientId"] = salesforceOptions.ClientId,
            ["Sync:Vendors:Salesforce:ClientSecretEnv"] = Env("SF_SECRET", salesforceOptions.ClientSecret),
            ["Sync:Vendors:Salesforce:RefreshTokenEnv"] = Env("SF_REFRESH", salesforceOptions.RefreshToken),
            ["Sync:Vendors:Salesforce:BulkPollInitialDelay"] = "00:00:00.500",
            ["Sync:Vendors:Outreach:BaseUrl"] = Outreach.BaseUrl + "/api/v2",
            ["Sync:Vendors:Outreach:ClientId"] = outreachOptions.ClientId,
            ["Sync:Vendors:Outreach:ClientSecretEnv"] = Env("OR_SECRET", outreachOptions.ClientSecret),
            ["Sync:Vendors:Outreach:RefreshTokenEnv"] = Env("OR_REFRESH", outreachOptions.RefreshToken),
            ["Sync:Vendors:Clay:BaseUrl"] = Clay.BaseUrl + "/public/v0",
            ["Sync:Vendors:Clay:ApiKeyEnv"] = Env("CLAY_KEY", clayOptions.ApiKey),
            ["Sync:Vendors:Clay:WebhookUrl"] = $"{Clay.BaseUrl}/v3/sources/webhook/{SourceId}",
            ["Sync:Vendors:Clay:WebhookBatchSize"] = "100",
            ["Sync:Workflows:QualifiedThreshold"] = "70",
            ["Sync:Workflows:Outbox:PollInterval"] = "00:00:00.050",
            ["Sync:Workflows:Outbox:RetryBaseDelay"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        // HubSpot on OAuth (its access tokens expire; the private-app token never does) when asked for.
        if (configuration.GetValueOrDefault("Sync:Vendors:HubSpot:Auth") == "OAuth")
        {
            configuration["Sync:Vendors:HubSpot:ClientId"] = hubSpotOptions.ClientId;
            configuration["Sync:Vendors:HubSpot:ClientSecretEnv"] = Env("HS_CLIENT_SECRET", hubSpotOptions.ClientSecret);
            configuration["Sync:Vendors:HubSpot:RefreshTokenEnv"] = Env("HS_REFRESH", hubSpotOptions.RefreshToken);
        }

        var built = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        App = WebhookIntakeHost.Build(built, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Services.AddSingleton(new WebhookMetrics(new CollectorRegistry()));
            builder.Services.AddSingleton(Metrics.NewCustomRegistry());
            builder.Services.AddGtmGuardVendorClients(builder.Configuration);
            builder.Services.AddGtmGuardWorkflows(builder.Configuration);
        });
        await App.StartAsync();
        IntakeUrl = new Uri(App.Urls.First());
    }

    /// <summary>HubSpot by its control API, Outreach by its webhook API, Clay by the table's callback: all to the intake.</summary>
    private async Task SubscribeAsync()
    {
        using var hubSpot = Client(HubSpot.BaseUrl, new HubSpotOptions().PrivateAppToken);
        using (var subscribed = await hubSpot.PostAsJsonAsync("/__gtmguard/webhooks/subscriptions", new { targetUrl = Intake("hubspot"), eventTypes = new[] { "contact.creation", "contact.propertyChange" } }))
        {
            Assert.True(subscribed.IsSuccessStatusCode, $"HubSpot subscription: {subscribed.StatusCode}");
        }

        using var outreach = Client(Outreach.BaseUrl, await OutreachTokenAsync());
        var document = new JsonObject { ["data"] = new JsonObject { ["type"] = "webhook", ["attributes"] = new JsonObject { ["url"] = Intake("outreach"), ["resource"] = "mailing", ["secret"] = OutreachWebhookSecret } } };
        using (var content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/vnd.api+json"))
        using (var created = await outreach.PostAsync("/api/v2/webhooks", content))
        {
            Assert.True(created.IsSuccessStatusCode, $"Outreach webhook: {created.StatusCode}");
        }

        using var clay = Client(Clay.BaseUrl, null);
        using (var callback = await clay.PutAsJsonAsync($"/__gtmguard/tables/{TableId}/callback", new { url = Intake("clay"), requests = 100, perMilliseconds = 1000, headers = new Dictionary<string, string> { ["x-clay-webhook-auth"] = ClayCallbackToken } }))
        {
            Assert.True(callback.IsSuccessStatusCode, $"Clay callback: {callback.StatusCode} {await callback.Content.ReadAsStringAsync()}");
        }
    }

    public string Intake(string vendor) => new Uri(IntakeUrl, "/webhooks/" + vendor).AbsoluteUri;

    public async Task<string> OutreachTokenAsync()
    {
        var options = new OutreachOptions();
        using var http = Client(Outreach.BaseUrl, null);
        using var token = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["redirect_uri"] = options.RedirectUri,
            ["code"] = options.AuthorizationCode,
        }));
        return (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    public static HttpClient Client(string baseUrl, string? bearer)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A simulator's records of one type, from its control API.</summary>
    public static async Task<JsonArray> StateAsync(VendorSimulator simulator, string type)
    {
        using var http = Client(simulator.BaseUrl, null);
        return (JsonArray)JsonNode.Parse(await http.GetStringAsync("/__gtmguard/state/" + type))!;
    }

    /// <summary>Moves fake time on by <paramref name="fakeTime"/> in small steps, letting the engine work between them.</summary>
    public async Task RunForAsync(TimeSpan fakeTime)
    {
        for (var moved = TimeSpan.Zero; moved < fakeTime; moved += TimeSpan.FromMilliseconds(100))
        {
            await Task.Delay(5);
            Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Moves fake time in small steps until <paramref name="condition"/> holds (checked between steps), or fails.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what, int maxSteps = 3000)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(5);
            Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail($"Timed out waiting until {what}.");
    }

    /// <summary>Moves time on until every simulator has delivered its webhooks and the inbox and outbox are worked off, for a while.</summary>
    public async Task SettleAsync(int maxSteps = 3000)
    {
        var quiet = 0;
        await UntilAsync(async () =>
        {
            var pendingInbox = await Store.ListInboxEventsAsync(new InboxEventFilter(State: InboxEventState.Pending, Limit: 1), default);
            var pendingOutbox = await Store.ListOutboxAsync(OutboxItemState.Pending, 1, default);
            var webhooks = HubSpot.Webhooks!.Pending + Outreach.Webhooks!.Pending + Clay.Webhooks!.Pending;
            quiet = webhooks == 0 && pendingInbox.Count == 0 && pendingOutbox.Count == 0 ? quiet + 1 : 0;
            return quiet >= 30;
        }, "webhooks, inbox and outbox settle", maxSteps);
    }

    public static List<IReadOnlyDictionary<string, object?>> Leads(int count, int first = 1) =>
        Enumerable.Range(first, count)
            .Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["email"] = $"lead{i}@analytical.io", ["first_name"] = "Ada", ["last_name"] = $"Lovelace{i}" })
            .ToList();

    private string Env(string suffix, string value)
    {
        var name = $"GTMGUARD_TEST_{Guid.NewGuid():N}_{suffix}";
        Environment.SetEnvironmentVariable(name, value);
        _environment.Add(name);
        _secrets.Add(value);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Clay.DisposeAsync();
        await Outreach.DisposeAsync();
        await Salesforce.DisposeAsync();
        await HubSpot.DisposeAsync();
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
