using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Tests.Vendors.HubSpot;

namespace GtmGuard.Sync.Tests.Auth;

/// <summary>Token attach, single-flight refresh and replay, against the HubSpot simulator's OAuth endpoint.</summary>
public sealed class AuthHandlerTests
{
    [Fact]
    public async Task ConcurrentCalls_AfterTokensExpire_ShareExactlyOneRefresh()
    {
        await using var host = HubSpotSyncHost.Start(oauth: true);
        await host.Client.UpsertContactsAsync(HubSpotContacts.Make(3));
        Assert.Single(host.Requests(HubSpotSyncHost.TokenPath));
        await host.ControlAsync(HttpMethod.Post, "/tokens/expire");

        var calls = Enumerable.Range(1, 12).Select(i => host.Client.GetContactByEmailAsync($"lead{1 + (i % 3):D4}@example.com"));
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal(VendorOutcome.Success, r.Outcome));
        Assert.Equal(2, host.Requests(HubSpotSyncHost.TokenPath).Count);
        Assert.Contains(401, host.Statuses(HubSpotSyncHost.ContactsPath));
    }

    [Fact]
    public async Task Call_RefusedTwice_RefreshesOnceThenEndsUnauthorized()
    {
        await using var host = HubSpotSyncHost.Start(oauth: true);
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.read", fault = "unauthorized" } } });

        var result = await host.Client.GetContactByEmailAsync("someone@example.com");

        Assert.Equal(VendorOutcome.Unauthorized, result.Outcome);
        Assert.Equal(401, result.StatusCode);
        Assert.Equal(2, host.Requests(HubSpotSyncHost.TokenPath).Count);
        Assert.Equal([401, 401], host.Statuses(HubSpotSyncHost.ContactsPath));
    }

    [Fact]
    public async Task Token_RefreshedAheadOfExpiresIn_WithoutAnyRefusal()
    {
        await using var host = HubSpotSyncHost.Start(oauth: true);
        await host.Client.GetContactByEmailAsync("a@example.com");

        host.Clock.Advance(TimeSpan.FromSeconds(1800 - 30));
        var result = await host.Client.GetContactByEmailAsync("a@example.com");

        Assert.Equal(VendorOutcome.NotFound, result.Outcome);
        Assert.Equal(2, host.Requests(HubSpotSyncHost.TokenPath).Count);
        Assert.DoesNotContain(401, host.Statuses(HubSpotSyncHost.ContactsPath));
    }

    [Fact]
    public async Task RevokedRefreshToken_EndsUnauthorized_NamingTheTokenEndpointAnswer()
    {
        await using var host = HubSpotSyncHost.Start(oauth: true);
        await host.ControlAsync(HttpMethod.Post, "/tokens/revoke", new { includeRefreshTokens = true });

        var result = await host.Client.GetContactByEmailAsync("a@example.com");

        Assert.Equal(VendorOutcome.Unauthorized, result.Outcome);
        Assert.Contains("BAD_REFRESH_TOKEN", result.Error, StringComparison.Ordinal);
        Assert.Empty(host.Requests(HubSpotSyncHost.ContactsPath));
    }

    [Fact]
    public async Task WrongPrivateAppToken_IsNotReplayed_AndEndsUnauthorized()
    {
        var variable = $"GTMGUARD_TEST_{Guid.NewGuid():N}_WRONG_PAT";
        Environment.SetEnvironmentVariable(variable, "pat-na1-not-the-simulators");
        try
        {
            await using var host = HubSpotSyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = variable });

            var result = await host.Client.GetContactByEmailAsync("a@example.com");

            Assert.Equal(VendorOutcome.Unauthorized, result.Outcome);
            Assert.Equal([401], host.Statuses(HubSpotSyncHost.ContactsPath));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task RotatedPrivateAppToken_IsPickedUpOnTheReplay()
    {
        var variable = $"GTMGUARD_TEST_{Guid.NewGuid():N}_ROTATING_PAT";
        Environment.SetEnvironmentVariable(variable, "pat-na1-before-rotation");
        try
        {
            await using var host = HubSpotSyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = variable });
            var before = await host.Client.GetContactByEmailAsync("a@example.com");

            Environment.SetEnvironmentVariable(variable, host.SimulatorOptions.PrivateAppToken);
            var after = await host.Client.GetContactByEmailAsync("a@example.com");

            Assert.Equal(VendorOutcome.Unauthorized, before.Outcome);
            Assert.Equal(VendorOutcome.NotFound, after.Outcome);
            Assert.Equal([401, 401, 404], host.Statuses(HubSpotSyncHost.ContactsPath));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Logs_NeverContainTheSecretsOrTokens()
    {
        await using var host = HubSpotSyncHost.Start(oauth: true);
        await host.Client.UpsertContactsAsync(HubSpotContacts.Make(2));
        await host.ControlAsync(HttpMethod.Post, "/tokens/expire");
        await host.Client.GetContactByEmailAsync("lead0001@example.com");
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "contacts.read", fault = "unauthorized" } } });
        await host.Client.GetContactByEmailAsync("lead0001@example.com");
        await host.ControlAsync(HttpMethod.Post, "/tokens/revoke", new { includeRefreshTokens = true });
        await host.ControlAsync(HttpMethod.Post, "/tokens/expire");
        await host.Client.GetContactByEmailAsync("lead0001@example.com");

        var issued = host.Requests(HubSpotSyncHost.TokenPath)
            .Select(e => JsonNode.Parse(HubSpotSyncHost.ResponseBody(e))?["access_token"]?.GetValue<string>())
            .OfType<string>()
            .ToList();
        var secrets = new[] { host.SimulatorOptions.ClientSecret, host.SimulatorOptions.RefreshToken, host.SimulatorOptions.PrivateAppToken }.Concat(issued).ToList();

        Assert.True(issued.Count >= 2);
        Assert.NotEmpty(host.Logs.Lines);
        Assert.Contains(host.Logs.Lines, l => l.Contains("replaying once", StringComparison.Ordinal));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, host.Logs.All, StringComparison.Ordinal));
    }
}
