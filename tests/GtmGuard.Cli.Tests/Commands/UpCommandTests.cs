using Microsoft.Data.Sqlite;

namespace GtmGuard.Cli.Tests.Commands;

/// <summary><c>gtmguard up</c> as a real process: simulators, sync core and the lead stream, on free ports, in a temp store.</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "gtmguard-up-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    private async Task<long> CompletedAsync(string workflow, string operation)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_store, "sync.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE workflow = $w AND operation = $o AND state = 'completed'";
        command.Parameters.AddWithValue("$w", workflow);
        command.Parameters.AddWithValue("$o", operation);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Up_PrintsTheUrls_AndGeneratedLeadsFlowThroughAllThreeWorkflows_ThenCtrlCStopsIt()
    {
        var environment = new Dictionary<string, string> { ["GTMGUARD__Up__Leads__Interval"] = "00:00:00.500", ["GTMGUARD__Up__Leads__OptOutInterval"] = "00:00:01" };
        using var process = GtmGuardProcess.Start(
            environment,
            "up", "--salesforce-port", "0", "--hubspot-port", "0", "--outreach-port", "0", "--clay-port", "0", "--intake-port", "0", "--probe-port", "0", "--store", _store);

        await process.WaitForOutputAsync("GtmGuard is up", TimeSpan.FromSeconds(60));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await CompletedAsync("enrichment", "contacts.upsert") == 0 || await CompletedAsync("enrichment", "records.upsert") == 0
            || await CompletedAsync("qualified", "prospect.enroll") == 0 || await CompletedAsync("optout", "records.optOut") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), $"generated leads did not flow through all three workflows. stdout: {process.Stdout} stderr: {process.Stderr}");
            await Task.Delay(200);
        }

        Assert.Contains("/webhooks/hubspot", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("/webhooks/clay", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("salesforce  http://127.0.0.1:", process.Stdout, StringComparison.Ordinal);

        // The probe service shares the sync core's clients: its dashboard data shows the workflows' writes.
        var dashboard = System.Text.RegularExpressions.Regex.Match(process.Stdout, "dashboard +(?<url>http://127\\.0\\.0\\.1:[0-9]+)/").Groups["url"].Value;
        using var http = new HttpClient { BaseAddress = new Uri(dashboard) };
        var hubSpot = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/api/health"))!["integrations"]!.AsArray().Single(i => i!["integration"]!.GetValue<string>() == "hubspot")!;
        Assert.NotNull(hubSpot["lastSuccessfulSync"]);
        Assert.True(hubSpot["requests"]!.GetValue<int>() > 1, hubSpot.ToJsonString());

        process.Interrupt();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
