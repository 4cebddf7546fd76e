using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Probes.Tests.Checks;

public sealed class TokenCheckTests
{
    private const string SalesforceTokenCalls = "gtmguard_vendor_requests_total{vendor=\"salesforce\",operation=\"oauth.token\",outcome=\"success\"}";

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public async Task TokenCheck_RefreshesARefreshableCredentialEachRound_OnlyWhenForced(bool force, int expectedRefreshes)
    {
        await using var host = await ProbeTestHost.StartAsync(new Dictionary<string, string?> { ["Probes:ForceTokenRefresh"] = force ? "true" : "false" });
        await host.WaitUntilReadyAsync();
        var before = ProbeTestHost.Sample(await host.MetricsTextAsync(), SalesforceTokenCalls);

        await host.RunRoundAsync("salesforce");
        await host.RunRoundAsync("salesforce");

        var after = ProbeTestHost.Sample(await host.MetricsTextAsync(), SalesforceTokenCalls);
        Assert.Equal(expectedRefreshes, after - before);
        Assert.Equal(1, ProbeTestHost.Sample(await host.MetricsTextAsync(), "gtmguard_probe_success{integration=\"salesforce\",check=\"token\"}"));
    }

    [Fact]
    public async Task TokenCheck_WhenTheRefreshTokenIsRevoked_FailsAsUnauthorized()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        using (var http = new HttpClient { BaseAddress = new Uri(host.Outreach.BaseUrl) })
        using (var revoked = await http.PostAsJsonAsync("/__gtmguard/tokens/revoke", new { includeRefreshTokens = true }))
        {
            Assert.True(revoked.IsSuccessStatusCode, $"revoke: {(int)revoked.StatusCode}");
        }

        var report = await host.RunRoundAsync("outreach");

        var token = (JsonObject)ProbeTestHost.Integration(report, "outreach")["probes"]!.AsArray().Single(p => p!["check"]!.GetValue<string>() == "token")!;
        Assert.False(token["success"]!.GetValue<bool>());
        Assert.Equal("unauthorized", token["outcome"]!.GetValue<string>());
        Assert.Equal(0, ProbeTestHost.Sample(await host.MetricsTextAsync(), "gtmguard_probe_success{integration=\"outreach\",check=\"token\"}"));
    }
}
