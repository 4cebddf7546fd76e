using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Salesforce;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Cli.Tests.Commands;

/// <summary>
/// The crash test: <c>gtmguard sync</c> runs as a child process against simulators in this process, is killed with SIGKILL
/// mid-run, restarts on the same store, and the CRMs still end with every lead exactly once.
/// </summary>
public sealed class SyncCrashTests : IAsyncLifetime
{
    private const int Leads = 60;
    private const string ClayToken = "crash-test-clay-callback-token";

    private readonly string _store = Path.Combine(Path.GetTempPath(), "gtmguard-crash-tests", Guid.NewGuid().ToString("N"));
    private readonly int _intakePort = FreePort();
    private HubSpotSimulator _hubSpot = null!;
    private SalesforceSimulator _salesforce = null!;
    private ClaySimulator _clay = null!;

    public async Task InitializeAsync()
    {
        var settings = new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 100, EnforceQuotas = false };
        _hubSpot = new HubSpotSimulator(new HubSpotOptions { Port = 0 }, settings, TimeProvider.System, NullLoggerFactory.Instance);
        _salesforce = new SalesforceSimulator(new SalesforceOptions { Port = 0 }, settings, TimeProvider.System, NullLoggerFactory.Instance);
        var table = new ClayTableOptions { Id = "t_leads", Name = "leads", WebhookSourceId = "crash-source", CallbackUrl = $"http://127.0.0.1:{_intakePort}/webhooks/clay", CallbackRequests = 100 };
        table.CallbackHeaders["x-clay-webhook-auth"] = ClayToken;
        _clay = new ClaySimulator(
            new ClayOptions { Port = 0, NoMatchRate = 0, EnrichmentDelay = TimeSpan.FromMilliseconds(200), CallbackRetryDelays = [.. Enumerable.Repeat(TimeSpan.FromSeconds(1), 30)], Tables = [table] },
            settings,
            TimeProvider.System,
            NullLoggerFactory.Instance);
        _hubSpot.Start();
        _salesforce.Start();
        _clay.Start();
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _clay.DisposeAsync();
        await _salesforce.DisposeAsync();
        await _hubSpot.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["GTMGUARD__Sync__Intake__Url"] = $"http://127.0.0.1:{_intakePort}",
        ["GTMGUARD__Sync__Intake__HubSpot__Enabled"] = "false",
        ["GTMGUARD__Sync__Intake__Outreach__Enabled"] = "false",
        ["GTMGUARD__Sync__Intake__Clay__TokenEnv"] = "CRASH_CLAY_TOKEN",
        ["CRASH_CLAY_TOKEN"] = ClayToken,
        ["GTMGUARD__Sync__Inbox__PollInterval"] = "00:00:00.100",
        // The lease is the crash-recovery time: what the killed process held is handed out again after it.
        ["GTMGUARD__Sync__Inbox__LeaseDuration"] = "00:00:03",
        ["GTMGUARD__Sync__Workflows__Outbox__LeaseDuration"] = "00:00:03",
        ["GTMGUARD__Sync__Workflows__Qualified"] = "false",
        ["GTMGUARD__Sync__Workflows__OptOut"] = "false",
        ["GTMGUARD__Sync__Workflows__Outbox__PollInterval"] = "00:00:00.100",
        ["GTMGUARD__Sync__Workflows__Outbox__BatchSize"] = "10",
        ["GTMGUARD__Sync__Workflows__Outbox__RetryBaseDelay"] = "00:00:00.200",
        ["GTMGUARD__Sync__Vendors__HubSpot__BaseUrl"] = _hubSpot.BaseUrl,
        ["GTMGUARD__Sync__Vendors__HubSpot__Auth"] = "PrivateApp",
        ["GTMGUARD__Sync__Vendors__HubSpot__PrivateAppTokenEnv"] = "CRASH_HS_PAT",
        ["CRASH_HS_PAT"] = new HubSpotOptions().PrivateAppToken,
        ["GTMGUARD__Sync__Vendors__Salesforce__BaseUrl"] = _salesforce.BaseUrl,
        ["GTMGUARD__Sync__Vendors__Salesforce__Auth"] = "RefreshToken",
        ["GTMGUARD__Sync__Vendors__Salesforce__ClientId"] = new SalesforceOptions().ClientId,
        ["GTMGUARD__Sync__Vendors__Salesforce__ClientSecretEnv"] = "CRASH_SF_SECRET",
        ["CRASH_SF_SECRET"] = new SalesforceOptions().ClientSecret,
        ["GTMGUARD__Sync__Vendors__Salesforce__RefreshTokenEnv"] = "CRASH_SF_REFRESH",
        ["CRASH_SF_REFRESH"] = new SalesforceOptions().RefreshToken,
        ["GTMGUARD__Sync__Vendors__Outreach__Enabled"] = "false",
        ["GTMGUARD__Sync__Vendors__Clay__Enabled"] = "false",
    };

    private async Task<long> CountAsync(string sql)
    {
        var path = Path.Combine(_store, "sync.db");
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonArray> StateAsync(VendorSimulator simulator, string type)
    {
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        return (JsonArray)JsonNode.Parse(await http.GetStringAsync("/__gtmguard/state/" + type))!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, GtmGuardProcess? process = null, Func<Task<string>>? state = null)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                Assert.Fail($"timed out waiting until {what} ({(state is null ? string.Empty : await state())}). stderr: {process?.Stderr}");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task SyncKilledWithSigkillMidRun_RestartedOnTheSameStore_EndsWithEveryLeadOnceInHubSpotAndSalesforce()
    {
        var emails = Enumerable.Range(1, Leads).Select(i => $"crash{i}@analytical.io").ToList();
        var first = GtmGuardProcess.Start(Environment(), "sync", "--workflow", "enrichment", "--continuous", "--store", _store);
        await first.WaitForOutputAsync("running, intake on", TimeSpan.FromSeconds(60));
        using (var http = new HttpClient { BaseAddress = new Uri(_clay.BaseUrl) })
        {
            foreach (var chunk in emails.Chunk(10))
            {
                using var submitted = await http.PostAsJsonAsync("/v3/sources/webhook/crash-source", chunk.Select(e => new { email = e, last_name = "Crash", company = "Acme" }).ToArray());
                Assert.True(submitted.IsSuccessStatusCode);
            }
        }

        await UntilAsync(async () => await CountAsync("SELECT count(*) FROM outbox WHERE state = 'completed'") >= 4, "some writes completed", first);
        using (var kill = Process.Start("kill", ["-KILL", first.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.Equal(137, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var completedAtCrash = await CountAsync("SELECT count(*) FROM outbox WHERE state = 'completed'");
        first.Dispose();

        using var second = GtmGuardProcess.Start(Environment(), "sync", "--workflow", "enrichment", "--continuous", "--store", _store);
        await second.WaitForOutputAsync("running, intake on", TimeSpan.FromSeconds(60));
        await UntilAsync(async () => (await StateAsync(_salesforce, "Lead")).Count >= Leads && (await StateAsync(_hubSpot, "contacts")).Count >= Leads, "every lead reached both CRMs", second, async () => $"HubSpot {(await StateAsync(_hubSpot, "contacts")).Count}, Salesforce {(await StateAsync(_salesforce, "Lead")).Count}, outbox pending {await CountAsync("SELECT count(*) FROM outbox WHERE state = 'pending'")}, inbox {await CountAsync("SELECT count(*) FROM inbox")}");
        await UntilAsync(async () => await CountAsync("SELECT count(*) FROM outbox WHERE state = 'pending'") == 0, "the outbox drained", second);

        Assert.True(completedAtCrash < 2 * Leads, "the kill came after the run was over");
        Assert.Equal(emails.Order(), (await StateAsync(_hubSpot, "contacts")).Select(c => c!["properties"]!["email"]!.GetValue<string>()).Order());
        Assert.Equal(emails.Order(), (await StateAsync(_salesforce, "Lead")).Select(l => l!["External_Id__c"]!.GetValue<string>()).Order());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM dead_letters"));
        second.Interrupt();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
