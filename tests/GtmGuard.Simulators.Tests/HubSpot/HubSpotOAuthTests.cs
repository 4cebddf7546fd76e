using System.Net;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotOAuthTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task AuthorizationCodeGrant_ReturnsBearerTokenWithTheRealResponseFields()
    {
        var token = await Host.AuthorizeAsync();

        Assert.Equal("bearer", Text(token, "token_type"));
        Assert.Equal(1800, token["expires_in"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(Text(token, "access_token")));
        Assert.False(string.IsNullOrEmpty(Text(token, "refresh_token")));
        Assert.Equal("access_token", Text(token, "token_use"));
        Assert.Equal(Host.Options.PortalId, token["hub_id"]!.GetValue<long>());
        Assert.Contains("crm.objects.contacts.write", token["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task IssuedAccessToken_AuthorizesCrmCalls()
    {
        var token = await Host.AuthorizeAsync();
        using var client = Host.Client(Text(token, "access_token"));

        var response = await client.GetAsync(Contacts);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefreshTokenGrant_ReturnsANewAccessTokenAndKeepsTheRefreshToken()
    {
        var first = await Host.AuthorizeAsync();

        var response = await RefreshAsync(Text(first, "refresh_token")!);

        var refreshed = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1800, refreshed["expires_in"]!.GetValue<long>());
        Assert.NotEqual(Text(first, "access_token"), Text(refreshed, "access_token"));
        Assert.Equal(Text(first, "refresh_token"), Text(refreshed, "refresh_token"));
    }

    [Fact]
    public async Task RefreshTokenGrant_WithTheConfiguredRefreshToken_Succeeds()
    {
        var response = await RefreshAsync(Host.Options.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefreshTokenGrant_WithUnknownRefreshToken_Returns400BadRefreshToken()
    {
        var response = await RefreshAsync("not-a-refresh-token");

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_REFRESH_TOKEN", Text(body, "status"));
        Assert.Equal("missing or invalid refresh token", Text(body, "message"));
    }

    [Fact]
    public async Task TokenRequest_WithWrongClientSecret_Returns400BadClientSecret()
    {
        var response = await Host.PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Host.Options.ClientId,
            ["client_secret"] = "wrong",
            ["refresh_token"] = Host.Options.RefreshToken,
        });

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_CLIENT_SECRET", Text(body, "status"));
    }

    [Fact]
    public async Task AuthorizationCodeGrant_WithWrongRedirectUri_Returns400()
    {
        var response = await Host.PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = Host.Options.ClientId,
            ["client_secret"] = Host.Options.ClientSecret,
            ["redirect_uri"] = "http://127.0.0.1/elsewhere",
            ["code"] = Host.Options.AuthorizationCode,
        });

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_REDIRECT_URI", Text(body, "status"));
    }

    [Fact]
    public async Task UnsupportedGrantType_Returns400()
    {
        var response = await Host.PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = Host.Options.ClientId,
            ["client_secret"] = Host.Options.ClientSecret,
        });

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_GRANT_TYPE", Text(body, "status"));
    }

    [Fact]
    public async Task AccessTokenMetadata_ReportsTheRemainingLifetime()
    {
        var token = Text(await Host.AuthorizeAsync(), "access_token");
        Host.Clock.Advance(TimeSpan.FromSeconds(600));

        var response = await Host.Client().GetAsync($"/oauth/v1/access-tokens/{token}");

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1200, body["expires_in"]!.GetValue<long>());
        Assert.Equal(Host.Options.PortalId, body["hub_id"]!.GetValue<long>());
        Assert.Equal(token, Text(body, "token"));
    }

    [Fact]
    public async Task DeletedRefreshToken_CanNoLongerBeRedeemed()
    {
        var refreshToken = Text(await Host.AuthorizeAsync(), "refresh_token")!;

        var deleted = await Host.Client().DeleteAsync($"/oauth/v1/refresh-tokens/{refreshToken}");
        var response = await RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Host.PostFormAsync("/oauth/v1/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Host.Options.ClientId,
            ["client_secret"] = Host.Options.ClientSecret,
            ["refresh_token"] = refreshToken,
        });
}
