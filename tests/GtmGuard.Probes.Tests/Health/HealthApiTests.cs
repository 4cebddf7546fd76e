using System.Net;
using System.Text.Json.Nodes;
using GtmGuard.Probes.Checks;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Probes.Tests.Health;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Health_AfterPartialHubSpotFailures_AgreesWithTheVendorMetrics()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        await ProbeTestHost.SetChaosAsync(host.HubSpot, new { seed = 7, rules = new object[] { new { operation = "*", fault = "serverError", probability = 0.5 }, new { operation = "*", fault = "rateLimit", probability = 0.2 } } });
        for (var round = 0; round < 6; round++)
        {
            await host.RunRoundAsync("hubspot");
        }

        var hubSpot = ProbeTestHost.Integration(await host.HealthAsync(), "hubspot");
        var metrics = await host.MetricsTextAsync();

        var requests = Sum(metrics, "gtmguard_vendor_requests_total{vendor=\"hubspot\",");
        var successes = Sum(metrics, "gtmguard_vendor_requests_total{vendor=\"hubspot\",", "outcome=\"success\"");
        Assert.True(requests > successes, "The chaos plan failed no HubSpot call; the test would prove nothing.");
        Assert.Equal(requests, hubSpot["requests"]!.GetValue<int>());
        Assert.Equal(successes, hubSpot["successes"]!.GetValue<int>());
        Assert.Equal(successes / requests, hubSpot["successRate"]!.GetValue<double>(), 6);
        var errors = hubSpot["errorsByType"]!.AsObject();
        Assert.NotEmpty(errors);
        foreach (var (type, count) in errors)
        {
            Assert.Equal(ProbeTestHost.Sample(metrics, $"gtmguard_vendor_errors_total{{vendor=\"hubspot\",error_type=\"{type}\"}}"), count!.GetValue<int>());
        }

        Assert.Equal(requests - successes, hubSpot["errors"]!.GetValue<int>());
        Assert.True(hubSpot["p95Ms"]!.GetValue<double>() > 0);
        Assert.True(successes / requests < 0.9, $"The chaos plan left HubSpot at {successes}/{requests}; the case needs a rate well below the 0.95 threshold.");
        Assert.Equal("failing", hubSpot["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0.95", "failing")]
    [InlineData("0", "healthy")]
    public async Task Health_Status_FollowsTheConfiguredThreshold(string threshold, string expectedHubSpot)
    {
        // Every HubSpot call fails from the first round on, so its rate is exactly 0; Salesforce answers every call.
        await using var host = await ProbeTestHost.StartAsync(
            new Dictionary<string, string?> { ["Probes:SuccessThreshold"] = threshold },
            h => ProbeTestHost.SetChaosAsync(h.HubSpot, new { seed = 5, rules = new[] { new { operation = "*", fault = "serverError", probability = 1.0 } } }));
        await host.WaitUntilReadyAsync();

        var report = await host.HealthAsync();
        var hubSpot = ProbeTestHost.Integration(report, "hubspot");
        var salesforce = ProbeTestHost.Integration(report, "salesforce");

        Assert.True(hubSpot["requests"]!.GetValue<int>() > 0);
        Assert.Equal(0.0, hubSpot["successRate"]!.GetValue<double>());
        Assert.Equal(expectedHubSpot, hubSpot["status"]!.GetValue<string>());
        Assert.Equal(1.0, salesforce["successRate"]!.GetValue<double>());
        Assert.Equal("healthy", salesforce["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_WithAShortWindow_LeavesOutOlderCalls()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        var before = ProbeTestHost.Integration(await host.HealthAsync(), "salesforce");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var recent = ProbeTestHost.Integration(await host.HealthAsync("?window=1s"), "salesforce");
        var fiveMinutes = ProbeTestHost.Integration(await host.HealthAsync("?window=5m"), "salesforce");

        Assert.True(before["requests"]!.GetValue<int>() > 0);
        Assert.Equal(0, recent["requests"]!.GetValue<int>());
        Assert.Equal("no_data", recent["status"]!.GetValue<string>());
        Assert.Null(recent["successRate"]);
        Assert.Equal(before["requests"]!.GetValue<int>(), fiveMinutes["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task Health_ShowsTheLastSuccessfulSyncAndQuotaLeft()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        var sync = host.App.Services.GetRequiredService<SyncMetrics>();

        sync.Record(VendorId.Outreach, SyncedRecordResult.Written, 3);
        var outreach = ProbeTestHost.Integration(await host.HealthAsync(), "outreach");
        var metrics = await host.MetricsTextAsync();

        var last = outreach["lastSuccessfulSync"]!.GetValue<DateTimeOffset>();
        Assert.Equal(sync.LastSuccess(VendorId.Outreach), last);
        Assert.Equal(last.ToUnixTimeMilliseconds() / 1000.0, ProbeTestHost.Sample(metrics, "gtmguard_sync_last_success_timestamp_seconds{integration=\"outreach\"}")!.Value, 3);
        Assert.Equal(3, ProbeTestHost.Sample(metrics, "gtmguard_records_synced_total{integration=\"outreach\",result=\"written\"}"));
        Assert.Null(ProbeTestHost.Integration(await host.HealthAsync(), "hubspot")["lastSuccessfulSync"]);
        var quota = outreach["quota"]!.AsArray().Single()!;
        Assert.Equal("hourly", quota["window"]!.GetValue<string>());
        Assert.True(quota["remaining"]!.GetValue<long>() < quota["limit"]!.GetValue<long>());
    }

    [Fact]
    public async Task Metrics_CountDeadLettersFromTheStoreAtScrapeTime()
    {
        await using var host = await ProbeTestHost.StartAsync();
        var store = host.App.Services.GetRequiredService<ISyncStore>();
        var before = ProbeTestHost.Sample(await host.MetricsTextAsync(), "gtmguard_dead_letters{integration=\"salesforce\"}");

        for (var i = 0; i < 2; i++)
        {
            await store.AddDeadLetterAsync(new NewDeadLetter("enrichment", VendorId.Salesforce, "sobjects.upsert", "validation", "REQUIRED_FIELD_MISSING", new RecordedRequest("PATCH", "/x", new Dictionary<string, string>(), null), null, 1), CancellationToken.None);
        }

        var metrics = await host.MetricsTextAsync();
        Assert.Equal(0, before);
        Assert.Equal(2, ProbeTestHost.Sample(metrics, "gtmguard_dead_letters{integration=\"salesforce\"}"));
        Assert.Equal(0, ProbeTestHost.Sample(metrics, "gtmguard_dead_letters{integration=\"hubspot\"}"));
    }

    [Theory]
    [InlineData("GET", "/api/health?window=abc", 400, "window 'abc' is not a duration")]
    [InlineData("GET", "/api/health?window=2h", 400, "between 1s and 01:00:00")]
    [InlineData("GET", "/api/health?window=0s", 400, "is not a duration")]
    [InlineData("GET", "/api/health?window=", 400, "is not a duration")]
    [InlineData("POST", "/api/probes/run?integration=pipedrive", 400, "'pipedrive' is not one of hubspot, salesforce, outreach, clay")]
    [InlineData("POST", "/api/probes/run?integration=clay", 409, "switched off")]
    [InlineData("GET", "/assets/missing.js", 404, "No dashboard asset named 'missing.js'")]
    public async Task BadInput_GetsAClear4xx(string method, string path, int status, string message)
    {
        await using var host = await ProbeTestHost.StartAsync(new Dictionary<string, string?> { ["Probes:Clay:Enabled"] = "false" });

        using var response = await host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(message, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_Gets405AndTheServiceCarriesOn()
    {
        await using var host = await ProbeTestHost.StartAsync();

        using var wrong = await host.Http.GetAsync("/api/probes/run");
        using var deleted = await host.Http.DeleteAsync("/api/health");
        using var health = await host.Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task RunProbes_WhileARoundRuns_AnswersConflictInsteadOfStartingAnother()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        var results = host.App.Services.GetRequiredService<ProbeResults>();
        var roundsBefore = results.Rounds;

        // HubSpot answers after 5 s, so the round runs long enough for all three parallel requests to arrive during it.
        await ProbeTestHost.SetChaosAsync(host.HubSpot, new { seed = 2, rules = new[] { new { operation = "*", fault = "latency", probability = 1.0, latency = "5s" } } });
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Http.PostAsync("/api/probes/run", null)));
        var answers = new List<(int Status, string Body)>();
        foreach (var response in responses)
        {
            using (response)
            {
                answers.Add(((int)response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        }

        Assert.Equal([200, 409, 409], answers.Select(a => a.Status).Order());
        foreach (var (_, body) in answers.Where(a => a.Status == 409))
        {
            Assert.Contains("a probe round is already running", JsonNode.Parse(body)!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(roundsBefore + 1, results.Rounds);
        await ProbeTestHost.ClearChaosAsync(host.HubSpot);
        await host.RunRoundAsync("salesforce");
        Assert.Equal(roundsBefore + 2, results.Rounds);
    }

    [Fact]
    public async Task Readiness_WaitsForTheFirstRoundWhileLivenessAnswersAtOnce()
    {
        // HubSpot answers after 15 s (under Probes:CheckTimeout, 20 s), so the first round is surely still running when
        // the service starts listening, however slow the machine.
        await using var host = await ProbeTestHost.StartAsync(beforeStart: h =>
            ProbeTestHost.SetChaosAsync(h.HubSpot, new { seed = 1, rules = new[] { new { operation = "*", fault = "latency", probability = 1.0, latency = "15s" } } }));

        using var notReady = await host.Http.GetAsync("/health/ready");
        using var live = await host.Http.GetAsync("/health/live");
        await host.WaitUntilReadyAsync();
        using var ready = await host.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static double Sum(string metrics, string prefix, string? contains = null) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && (contains is null || l.Contains(contains, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
