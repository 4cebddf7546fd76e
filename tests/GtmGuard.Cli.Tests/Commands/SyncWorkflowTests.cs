using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Salesforce;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Cli.Tests.Commands;

/// <summary>
/// <c>gtmguard sync --workflow enrichment</c> as a real process on a store that also holds another workflow's work: it
/// works off only its own share, once, and its exit code says how that went; its dead letters carry the redacted exchange.
/// </summary>
public sealed class SyncWorkflowTests : IAsyncLifetime
{
    private const string ClientSecretValue = "sync-workflow-test-salesforce-client-secret";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtmguard-sync-workflow-tests", Guid.NewGuid().ToString("N"));
    private HubSpotSimulator _hubSpot = null!;
    private SalesforceSimulator _salesforce = null!;
    private ServiceProvider _provider = null!;

    private ISyncStore Store => _provider.GetRequiredService<ISyncStore>();

    public Task InitializeAsync()
    {
        var settings = new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 200, EnforceQuotas = false };
        _hubSpot = new HubSpotSimulator(new HubSpotOptions { Port = 0 }, settings, TimeProvider.System, NullLoggerFactory.Instance);
        _salesforce = new SalesforceSimulator(new SalesforceOptions { Port = 0, ClientSecret = ClientSecretValue }, settings, TimeProvider.System, NullLoggerFactory.Instance);
        _hubSpot.Start();
        _salesforce.Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sync:Store:Directory"] = _directory }).Build();
        _provider = new ServiceCollection().AddGtmGuardSyncStore(configuration).BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _salesforce.DisposeAsync();
        await _hubSpot.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["GTMGUARD__Sync__Intake__HubSpot__Enabled"] = "false",
        ["GTMGUARD__Sync__Intake__Outreach__Enabled"] = "false",
        ["GTMGUARD__Sync__Intake__Clay__TokenEnv"] = "SYNC_WF_CLAY_TOKEN",
        ["SYNC_WF_CLAY_TOKEN"] = "sync-workflow-test-clay-token",
        ["GTMGUARD__Sync__Workflows__Outbox__RetryBaseDelay"] = "00:00:00.200",
        ["GTMGUARD__Sync__Vendors__HubSpot__BaseUrl"] = _hubSpot.BaseUrl,
        ["GTMGUARD__Sync__Vendors__HubSpot__Auth"] = "PrivateApp",
        ["GTMGUARD__Sync__Vendors__HubSpot__PrivateAppTokenEnv"] = "SYNC_WF_HS_PAT",
        ["SYNC_WF_HS_PAT"] = new HubSpotOptions().PrivateAppToken,
        ["GTMGUARD__Sync__Vendors__Salesforce__BaseUrl"] = _salesforce.BaseUrl,
        ["GTMGUARD__Sync__Vendors__Salesforce__Auth"] = "RefreshToken",
        ["GTMGUARD__Sync__Vendors__Salesforce__ClientId"] = new SalesforceOptions().ClientId,
        ["GTMGUARD__Sync__Vendors__Salesforce__ClientSecretEnv"] = "SYNC_WF_SF_SECRET",
        ["SYNC_WF_SF_SECRET"] = ClientSecretValue,
        ["GTMGUARD__Sync__Vendors__Salesforce__RefreshTokenEnv"] = "SYNC_WF_SF_REFRESH",
        ["SYNC_WF_SF_REFRESH"] = new SalesforceOptions().RefreshToken,
        ["GTMGUARD__Sync__Vendors__Outreach__Enabled"] = "false",
        ["GTMGUARD__Sync__Vendors__Clay__Enabled"] = "false",
    };

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = GtmGuardProcess.Start(Environment(), [.. args, "--store", _directory]);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return (exit, process.Stdout, process.Stderr);
    }

    private static IncomingEvent ClayRow(string email, string company) =>
        new(VendorId.Clay, "sha256:" + email + company.Length, "email:" + email, "row.callback", DateTimeOffset.UnixEpoch.AddDays(20_000), JsonSerializer.Serialize(new { email, last_name = "Row", company, clay_status = "enriched" }));

    private static async Task<JsonArray> StateAsync(VendorSimulator simulator, string type)
    {
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        return (JsonArray)JsonNode.Parse(await http.GetStringAsync("/__gtmguard/state/" + type))!;
    }

    [Fact]
    public async Task SyncEnrichment_WorksOffOnlyItsOwnEventsAndWrites_ThenExitsZero()
    {
        await Store.AppendInboxEventsAsync(
            [
                ClayRow("one@analytical.io", "Acme"),
                new IncomingEvent(VendorId.HubSpot, "hs-1", "contact:1", "contact.creation", DateTimeOffset.UnixEpoch.AddDays(20_000), """{"objectId":1}"""),
            ],
            default);
        await Store.EnqueueOutboxAsync([new OutboxWrite("qualified", VendorId.Outreach, "prospect.enroll", "qualified:someone", """{"email":"someone@analytical.io"}""")], default);

        var run = await RunAsync("sync", "--workflow", "enrichment");

        Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Stdout} {run.Stderr}");
        Assert.Contains("enrichment: 1 inbox event(s) and 2 outbox write(s) worked off, 0 dead-lettered, 0 still pending", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("one@analytical.io", Assert.Single(await StateAsync(_hubSpot, "contacts"))!["properties"]!["email"]!.GetValue<string>());
        Assert.Equal("one@analytical.io", Assert.Single(await StateAsync(_salesforce, "Lead"))!["External_Id__c"]!.GetValue<string>());

        // The qualified workflow's event and write were not touched.
        var hubSpotEvent = Assert.Single(await Store.ListInboxEventsAsync(new InboxEventFilter(VendorId.HubSpot), default));
        Assert.Equal(InboxEventState.Pending, hubSpotEvent.State);
        var qualifiedWrite = Assert.Single(await Store.ListOutboxAsync(OutboxItemState.Pending, 10, default));
        Assert.Equal("qualified", qualifiedWrite.Workflow);
        Assert.Equal(0, qualifiedWrite.Attempts);
        Assert.NotNull(await Store.GetLastSuccessfulRunAsync("enrichment", default));
    }

    [Fact]
    public async Task SyncEnrichment_WithARefusedLead_ExitsOne_AndDlqListShowsTheRedactedExchange_AndReplayRequeuesIt()
    {
        await Store.AppendInboxEventsAsync([ClayRow("fine@analytical.io", "Acme"), ClayRow("refused@analytical.io", new string('x', 300))], default);

        var run = await RunAsync("sync", "--workflow", "enrichment");
        var list = await RunAsync("dlq", "list", "--verbose");
        var json = await RunAsync("dlq", "list", "--json");

        Assert.True(run.Exit == 1, $"exit {run.Exit}: {run.Stdout} {run.Stderr}");
        Assert.Contains("1 item(s) dead-lettered", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await StateAsync(_hubSpot, "contacts")).Count);
        Assert.Equal("fine@analytical.io", Assert.Single(await StateAsync(_salesforce, "Lead"))!["External_Id__c"]!.GetValue<string>());

        // The stored exchange: the real request (method, absolute URL, headers, body) and Salesforce's answer.
        Assert.Equal(0, list.Exit);
        Assert.Contains($"> PATCH {_salesforce.BaseUrl}/services/data/", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("> Authorization: [REDACTED]", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused@analytical.io", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("< 200", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("STRING_TOO_LONG", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("< Content-Type: application/json", list.Stdout, StringComparison.OrdinalIgnoreCase);
        var letter = Assert.Single(JsonNode.Parse(json.Stdout)!.AsArray())!;
        Assert.Equal("PATCH", letter["request"]!["method"]!.GetValue<string>());
        Assert.Equal(200, letter["response"]!["statusCode"]!.GetValue<int>());
        Assert.All(Environment().Values.Where(v => v.Contains("secret", StringComparison.Ordinal) || v.Contains("refresh", StringComparison.Ordinal) || v.StartsWith("pat-", StringComparison.Ordinal)), secret =>
        {
            Assert.DoesNotContain(secret, list.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, json.Stdout, StringComparison.Ordinal);
        });

        var replay = await RunAsync("dlq", "replay", "--id", letter["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, replay.Exit);
        var requeued = Assert.Single(await Store.ListOutboxAsync(OutboxItemState.Pending, 10, default));
        Assert.Contains("refused@analytical.io", requeued.Payload, StringComparison.Ordinal);
    }
}
