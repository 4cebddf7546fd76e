using System.Text.Json.Nodes;
using GtmGuard.Sync.Tests.Vendors.Clay;
using GtmGuard.Sync.Tests.Vendors.Outreach;
using GtmGuard.Sync.Tests.Vendors.Salesforce;

namespace GtmGuard.Sync.Tests.Auth;

/// <summary>Known secret values, and every token the simulators issue, never reach the logs (HubSpot is covered in <see cref="AuthHandlerTests"/>).</summary>
public sealed class SecretRedactionTests
{
    [Fact]
    public async Task Salesforce_KeyRefreshTokenSecretAndSessions_AreNeverLogged()
    {
        await using var jwt = SalesforceSyncHost.Start();
        await using var refresh = SalesforceSyncHost.Start(refreshToken: true);
        foreach (var host in new[] { jwt, refresh })
        {
            await host.Client.UpsertAsync("Contact", "External_Id__c", "ext-1", new Dictionary<string, object?> { ["LastName"] = "L" });
            await host.ControlAsync(HttpMethod.Post, "/tokens/expire");
            await host.Client.QueryAsync("SELECT Id FROM Contact");
            await host.ControlAsync(HttpMethod.Post, "/tokens/revoke", new { includeRefreshTokens = true });
            await host.ControlAsync(HttpMethod.Post, "/tokens/expire");
            await host.Client.QueryAsync("SELECT Id FROM Contact");
        }

        var key = SalesforceSyncHost.PrivateKeyPem.Split('\n')[1];
        foreach (var host in new[] { jwt, refresh })
        {
            var secrets = Issued(host.Requests(SalesforceSyncHost.TokenPath), "access_token")
                .Concat([host.SimulatorOptions.ClientSecret, host.SimulatorOptions.RefreshToken, key])
                .Concat(host.Requests(SalesforceSyncHost.TokenPath).Select(e => Field(e.RequestMessage.Body, "assertion")).OfType<string>());
            AssertNeverLogged(host.Logs, secrets);
        }
    }

    [Fact]
    public async Task Outreach_RotatedRefreshTokensAndAccessTokens_AreNeverLogged()
    {
        await using var host = OutreachSyncHost.Start();
        for (var i = 0; i < 3; i++)
        {
            await host.Client.FindProspectByEmailAsync($"x{i}@example.com");
            await host.ControlAsync(HttpMethod.Post, "/tokens/expire");
        }

        var responses = host.Requests(OutreachSyncHost.TokenPath);
        var secrets = Issued(responses, "access_token")
            .Concat(Issued(responses, "refresh_token"))
            .Concat([host.SimulatorOptions.ClientSecret, host.SimulatorOptions.RefreshToken]);
        AssertNeverLogged(host.Logs, secrets);
    }

    [Fact]
    public async Task Clay_ApiKeyAndWebhookToken_AreNeverLogged()
    {
        await using var host = ClaySyncHost.Start();

        await host.Client.GetMeAsync();
        await host.Client.SubmitRowsAsync(ClaySyncHost.Rows(2));

        AssertNeverLogged(host.Logs, [host.SimulatorOptions.ApiKey, host.WebhookToken]);
    }

    private static IEnumerable<string> Issued(IEnumerable<WireMock.Logging.ILogEntry> tokenResponses, string field) =>
        tokenResponses
            .Select(e => JsonNode.Parse(SalesforceSyncHost.ResponseBody(e)) as JsonObject)
            .Select(json => json?[field]?.GetValue<string>())
            .OfType<string>();

    private static string? Field(string? form, string name) =>
        form?.Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    private static void AssertNeverLogged(LogCapture logs, IEnumerable<string> secrets)
    {
        var all = logs.All;
        var list = secrets.Where(s => s.Length >= 8).Distinct().ToList();
        Assert.NotEmpty(list);
        Assert.NotEmpty(logs.Lines);
        Assert.All(list, secret => Assert.DoesNotContain(secret, all, StringComparison.Ordinal));
    }
}
