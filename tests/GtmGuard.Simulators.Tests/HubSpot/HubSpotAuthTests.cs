using System.Net;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotAuthTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task MissingAuthorization_Returns401InvalidAuthenticationWithVendorHeaders()
    {
        using var anonymous = Host.Client();

        var response = await anonymous.GetAsync(Contacts);

        var body = await ErrorAsync(response, HttpStatusCode.Unauthorized, "INVALID_AUTHENTICATION");
        Assert.StartsWith("Authentication credentials not found.", Text(body, "message"));
        Assert.Equal("401 Unauthorized", Header(response, "X-HubSpot-Auth-Failure"));
        Assert.NotNull(Header(response, "X-HubSpot-Correlation-Id"));
    }

    [Fact]
    public async Task UnknownBearerToken_Returns401InvalidAuthentication()
    {
        using var client = Host.Client("pat-na1-11111111-2222-3333-4444-555555555555");

        var response = await client.GetAsync(Contacts);

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "INVALID_AUTHENTICATION");
    }

    [Fact]
    public async Task PrivateAppToken_NeverExpiresOnATimer()
    {
        Host.Clock.Advance(TimeSpan.FromDays(400));

        var response = await Host.Http.GetAsync(Contacts);

        Assert.StartsWith("pat-", Host.Options.PrivateAppToken, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OAuthToken_IsValidFor1799Seconds()
    {
        using var client = Host.Client(Text(await Host.AuthorizeAsync(), "access_token"));
        Host.Clock.Advance(TimeSpan.FromSeconds(1799));

        var response = await client.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OAuthToken_After1800Seconds_Returns401ExpiredAuthentication()
    {
        using var client = Host.Client(Text(await Host.AuthorizeAsync(), "access_token"));
        Host.Clock.Advance(TimeSpan.FromSeconds(1800));

        var response = await client.GetAsync(Contacts);

        var body = await ErrorAsync(response, HttpStatusCode.Unauthorized, "EXPIRED_AUTHENTICATION");
        Assert.Equal("The OAuth token used to make this call expired 0 second(s) ago.", Text(body, "message"));
        Assert.Equal("2026-11-27T09:30:00.000Z", body["context"]!["expire time"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpiredToken_MessageCountsTheSecondsSinceExpiry()
    {
        using var client = Host.Client(Text(await Host.AuthorizeAsync(), "access_token"));
        Host.Clock.Advance(TimeSpan.FromSeconds(1800 + 42));

        var response = await client.GetAsync(Contacts);

        var body = await ErrorAsync(response, HttpStatusCode.Unauthorized, "EXPIRED_AUTHENTICATION");
        Assert.Contains("expired 42 second(s) ago", Text(body, "message"));
    }

    [Fact]
    public async Task ExpiredToken_CanBeReplacedByRefreshing()
    {
        var token = await Host.AuthorizeAsync();
        Host.Clock.Advance(TimeSpan.FromHours(2));

        var refreshed = await JsonObjectAsync(await Host.PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Host.Options.ClientId,
            ["client_secret"] = Host.Options.ClientSecret,
            ["refresh_token"] = Text(token, "refresh_token")!,
        }));
        using var client = Host.Client(Text(refreshed, "access_token"));
        var response = await client.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ControlTokensExpire_ExpiresOAuthTokensButNotThePrivateAppToken()
    {
        using var oauth = Host.Client(Text(await Host.AuthorizeAsync(), "access_token"));

        var control = await JsonObjectAsync(await Host.ControlAsync(HttpMethod.Post, "/tokens/expire"));
        var oauthResponse = await oauth.GetAsync(Contacts);
        var privateAppResponse = await Host.Http.GetAsync(Contacts);

        Assert.Equal(1, control["expired"]!.GetValue<int>());
        await ErrorAsync(oauthResponse, HttpStatusCode.Unauthorized, "EXPIRED_AUTHENTICATION");
        Assert.Equal(HttpStatusCode.OK, privateAppResponse.StatusCode);
    }

    [Fact]
    public async Task ControlTokensRevoke_MakesIssuedTokensInvalid_WhileRefreshTokensStillWork()
    {
        var token = await Host.AuthorizeAsync();
        using var oauth = Host.Client(Text(token, "access_token"));

        var control = await JsonObjectAsync(await Host.ControlAsync(HttpMethod.Post, "/tokens/revoke"));
        var revoked = await oauth.GetAsync(Contacts);
        var refresh = await Host.PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Host.Options.ClientId,
            ["client_secret"] = Host.Options.ClientSecret,
            ["refresh_token"] = Text(token, "refresh_token")!,
        });

        Assert.Equal(1, control["revoked"]!.GetValue<int>());
        await ErrorAsync(revoked, HttpStatusCode.Unauthorized, "INVALID_AUTHENTICATION");
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task ControlTokensRevoke_WithRefreshTokens_MakesRefreshFail()
    {
        var token = await Host.AuthorizeAsync();

        await Host.ControlAsync(HttpMethod.Post, "/tokens/revoke", new { includeRefreshTokens = true });
        var refresh = await Host.PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Host.Options.ClientId,
            ["client_secret"] = Host.Options.ClientSecret,
            ["refresh_token"] = Text(token, "refresh_token")!,
        });

        var body = await JsonObjectAsync(refresh);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("BAD_REFRESH_TOKEN", Text(body, "status"));
    }

    [Fact]
    public async Task ControlTokensRevoke_OneToken_LeavesOthersValid()
    {
        var first = Text(await Host.AuthorizeAsync(), "access_token");
        var second = Text(await Host.AuthorizeAsync(), "access_token");
        using var firstClient = Host.Client(first);
        using var secondClient = Host.Client(second);

        var control = await Host.ControlAsync(HttpMethod.Post, "/tokens/revoke", new { token = first });

        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await firstClient.GetAsync(Contacts)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync(Contacts)).StatusCode);
    }
}
