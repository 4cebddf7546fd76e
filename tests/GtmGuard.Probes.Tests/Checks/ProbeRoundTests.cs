using System.Text.Json.Nodes;
using GtmGuard.Sync.Vendors.Outreach;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Probes.Tests.Checks;

public sealed class ProbeRoundTests
{
    private static readonly string[] Integrations = ["hubspot", "salesforce", "outreach", "clay"];

    [Fact]
    public async Task Round_AgainstHealthySimulators_PassesEveryCheckAndWritesTheSandboxRecords()
    {
        await using var host = await ProbeTestHost.StartAsync(WriteAndVerifyEverywhere());
        await host.WaitUntilReadyAsync();

        var report = await host.RunRoundAsync();

        foreach (var name in Integrations)
        {
            var probes = ProbeTestHost.Integration(report, name)["probes"]!.AsArray();
            Assert.Equal(["token", "read", "write"], probes.Select(p => p!["check"]!.GetValue<string>()));
            Assert.All(probes, p => Assert.True(p!["success"]!.GetValue<bool>(), $"{name} {p["check"]}: {p["error"]}"));
        }

        var metrics = await host.MetricsTextAsync();
        foreach (var name in Integrations)
        {
            foreach (var check in new[] { "token", "read", "write" })
            {
                Assert.Equal(1, ProbeTestHost.Sample(metrics, $"gtmguard_probe_success{{integration=\"{name}\",check=\"{check}\"}}"));
                Assert.True(ProbeTestHost.Sample(metrics, $"gtmguard_probe_duration_seconds{{integration=\"{name}\",check=\"{check}\"}}") > 0);
            }
        }

        var contacts = await ProbeTestHost.StateAsync(host.HubSpot, "contacts");
        var sandbox = contacts.Single(c => c!["properties"]!["email"]!.GetValue<string>() == "gtmguard-probe-sandbox@example.com")!;
        Assert.StartsWith("probe-", sandbox["properties"]!["firstname"]!.GetValue<string>(), StringComparison.Ordinal);
        var salesforceContacts = await ProbeTestHost.StateAsync(host.Salesforce, "Contact");
        Assert.Contains(salesforceContacts, c => c!["External_Id__c"]?.GetValue<string>() == "gtmguard-probe-sandbox");
        var prospects = await ProbeTestHost.StateAsync(host.Outreach, "prospects");
        Assert.Single(prospects, p => p!.ToJsonString().Contains("gtmguard-probe-sandbox@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Round_WhenHubSpotAnswers500_FailsHubSpotOnlyAndCountsServerErrors()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        await ProbeTestHost.SetChaosAsync(host.HubSpot, new { seed = 1, rules = new[] { new { operation = "*", fault = "serverError", probability = 1.0 } } });

        var report = await host.RunRoundAsync();

        var hubSpot = ProbeTestHost.Integration(report, "hubspot");
        var read = hubSpot["probes"]!.AsArray().Single(p => p!["check"]!.GetValue<string>() == "read")!;
        Assert.False(read["success"]!.GetValue<bool>());
        Assert.Equal("server_error", read["outcome"]!.GetValue<string>());
        Assert.True(hubSpot["errorsByType"]!["server_error"]!.GetValue<int>() >= 2, hubSpot.ToJsonString());
        Assert.Equal("failing", hubSpot["status"]!.GetValue<string>());
        foreach (var name in Integrations.Skip(1))
        {
            var other = ProbeTestHost.Integration(report, name);
            Assert.Equal("healthy", other["status"]!.GetValue<string>());
            Assert.All(other["probes"]!.AsArray(), p => Assert.True(p!["success"]!.GetValue<bool>()));
        }

        var metrics = await host.MetricsTextAsync();
        Assert.Equal(0, ProbeTestHost.Sample(metrics, "gtmguard_probe_success{integration=\"hubspot\",check=\"read\"}"));
        Assert.Equal(1, ProbeTestHost.Sample(metrics, "gtmguard_probe_success{integration=\"salesforce\",check=\"read\"}"));
        Assert.True(ProbeTestHost.Sample(metrics, "gtmguard_vendor_errors_total{vendor=\"hubspot\",error_type=\"server_error\"}") >= 2);
    }

    [Fact]
    public async Task Round_AfterChaosStops_PassesAgain()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        await ProbeTestHost.SetChaosAsync(host.HubSpot, new { seed = 1, rules = new[] { new { operation = "*", fault = "serverError", probability = 1.0 } } });
        await host.RunRoundAsync("hubspot");
        await ProbeTestHost.ClearChaosAsync(host.HubSpot);

        var report = await host.RunRoundAsync("hubspot");

        var read = ProbeTestHost.Integration(report, "hubspot")["probes"]!.AsArray().Single(p => p!["check"]!.GetValue<string>() == "read")!;
        Assert.True(read["success"]!.GetValue<bool>());
        Assert.Equal(1, ProbeTestHost.Sample(await host.MetricsTextAsync(), "gtmguard_probe_success{integration=\"hubspot\",check=\"read\"}"));
    }

    [Fact]
    public async Task Round_WithACanaryThatMustExist_FailsTheReadUntilTheRecordIsThere()
    {
        await using var host = await ProbeTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Probes:Outreach:RequireCanary"] = "true",
            ["Probes:Outreach:Canary"] = "canary@example.com",
        });
        await host.WaitUntilReadyAsync();

        var missing = Read(await host.RunRoundAsync("outreach"), "outreach");
        await CreateProspectAsync(host, "canary@example.com");
        var present = Read(await host.RunRoundAsync("outreach"), "outreach");

        Assert.False(missing["success"]!.GetValue<bool>());
        Assert.Equal("not_found", missing["outcome"]!.GetValue<string>());
        Assert.True(present["success"]!.GetValue<bool>(), present.ToJsonString());
    }

    [Fact]
    public async Task Round_ForAnIntegrationWithoutVendorSettings_ListsItWithoutProbingIt()
    {
        // A null value removes the setting: no Sync:Vendors:Clay section remains.
        var withoutClay = new[] { "BaseUrl", "ApiKeyEnv", "WebhookUrl", "WebhookBatchSize", "Resilience:MaxRetryAttempts", "Resilience:BaseDelay", "Resilience:MaxDelay", "Resilience:BreakerMinimumThroughput" }
            .ToDictionary(key => "Sync:Vendors:Clay:" + key, _ => (string?)null);
        await using var host = await ProbeTestHost.StartAsync(withoutClay);
        await host.WaitUntilReadyAsync();

        var clay = ProbeTestHost.Integration(await host.RunRoundAsync(), "clay");

        Assert.Contains("not configured", clay["probeUnavailable"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(clay["probes"]!.AsArray());
        Assert.Equal("no_data", clay["status"]!.GetValue<string>());
        Assert.True(double.IsNaN(ProbeTestHost.Sample(await host.MetricsTextAsync(), "gtmguard_probe_success{integration=\"clay\",check=\"read\"}")!.Value));
    }

    private static Dictionary<string, string?> WriteAndVerifyEverywhere() => new()
    {
        ["Probes:HubSpot:WriteAndVerify"] = "true",
        ["Probes:Salesforce:WriteAndVerify"] = "true",
        ["Probes:Outreach:WriteAndVerify"] = "true",
        ["Probes:Clay:WriteAndVerify"] = "true",
    };

    private static JsonObject Read(JsonObject report, string integration) =>
        (JsonObject)ProbeTestHost.Integration(report, integration)["probes"]!.AsArray().Single(p => p!["check"]!.GetValue<string>() == "read")!;

    // Through the sync core's own Outreach client, as another integration of the account would create it.
    private static async Task CreateProspectAsync(ProbeTestHost host, string email)
    {
        var outreach = host.App.Services.GetRequiredService<OutreachClient>();
        var created = await outreach.UpsertProspectAsync(new OutreachProspectInput(email, new Dictionary<string, object?>()));
        Assert.True(created.IsSuccess, $"prospect: {created.Outcome} {created.Error}");
    }
}
