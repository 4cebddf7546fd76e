using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Reports;
using GtmGuard.Contracts.Tests.Cli;
using GtmGuard.Contracts.Tests.Conformance;
using GtmGuard.Simulators.HubSpot;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Contracts.Tests.Chaos;

/// <summary>HubSpot's webhook payload drift chaos, recorded at a loopback receiver, is what <c>contracts check</c> reports as breaking.</summary>
public sealed class WebhookDriftChaosTests : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = ConformanceHarness.NewClock();
    private readonly WebhookSink _sink = new();
    private HubSpotSimulator _simulator = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        var options = new HubSpotOptions { Port = 0 };
        _simulator = new HubSpotSimulator(options, ConformanceHarness.Settings(), _clock, NullLoggerFactory.Instance);
        _simulator.Start();
        _http = new HttpClient { BaseAddress = new Uri(_simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.PrivateAppToken);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
        _sink.Dispose();
    }

    [Fact]
    public async Task RenamedPropertyValue_IsReportedAsABreakingRename_AndTheCliExitsWith2()
    {
        var journal = await RecordDriftedDeliveriesAsync(new { effect = "drift", field = "propertyValue", renameTo = "value" });

        var (exitCode, stdout, stderr) = await GtmGuardProcess.RunAsync("contracts", "check", "--wiremock-journal", journal, "--format", "json");
        var findings = JsonNode.Parse(stdout)!["findings"]!.AsArray();

        Assert.True(exitCode == ContractReport.ExitBreaking, stdout + stderr);
        var renamed = Assert.Single(findings, f => f!["kind"]!.GetValue<string>() == "fieldRenamed");
        Assert.Equal("breaking", renamed!["severity"]!.GetValue<string>());
        Assert.Equal("webhook:contact.propertyChange", renamed["operation"]!.GetValue<string>());
        Assert.Equal("$[*].propertyValue", renamed["path"]!.GetValue<string>());
        Assert.Contains("'value'", renamed["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetypedPropertyValue_IsReportedAsABreakingTypeChange()
    {
        var journal = await RecordDriftedDeliveriesAsync(new { effect = "drift", field = "propertyValue", retypeTo = "number" });

        var report = new GtmGuard.Contracts.Validation.ContractChecker(await ConformanceHarness.Snapshots).Check(GtmGuard.Contracts.Recordings.WireMockJournalReader.Read(journal));

        Assert.Equal(ContractReport.ExitBreaking, report.ExitCode());
        var retyped = Assert.Single(report.Findings, f => f.Severity == Severity.Breaking);
        Assert.Equal(FindingKind.TypeChanged, retyped.Kind);
        Assert.Equal("$[*].propertyValue", retyped.Path);
    }

    [Fact]
    public async Task WithoutDrift_TheSameTrafficIsClean()
    {
        var journal = await RecordDriftedDeliveriesAsync(null);

        var report = new GtmGuard.Contracts.Validation.ContractChecker(await ConformanceHarness.Snapshots).Check(GtmGuard.Contracts.Recordings.WireMockJournalReader.Read(journal));

        ConformanceHarness.AssertClean(report);
        Assert.Equal(ContractReport.ExitClean, report.ExitCode());
    }

    private async Task<string> RecordDriftedDeliveriesAsync(object? drift)
    {
        if (drift is not null)
        {
            using var chaos = await _http.PutAsJsonAsync("/__gtmguard/chaos", new { webhooks = new[] { drift } });
            Assert.True(chaos.IsSuccessStatusCode, await chaos.Content.ReadAsStringAsync());
        }

        using (var subscribe = await _http.PostAsJsonAsync("/__gtmguard/webhooks/subscriptions", new { targetUrl = _sink.Url.ToString(), eventTypes = new[] { "contact.creation", "contact.propertyChange" } }))
        {
            Assert.Equal(HttpStatusCode.Created, subscribe.StatusCode);
        }

        using (var created = await _http.PostAsJsonAsync("/crm/v3/objects/contacts", new { properties = new { email = "drift@example.com", lead_score = "40" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await ConformanceHarness.AdvanceUntilAsync(_clock, () => _sink.Bodies.Sum(b => JsonNode.Parse(b)!.AsArray().Count) >= 3, TimeSpan.FromMilliseconds(200));
        return await ConformanceHarness.ExportJournalAsync(_sink.BaseUrl);
    }
}
