using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Tests.Hosting;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachOAuthTests : IAsyncLifetime
{
    private OutreachTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OutreachTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AuthorizationCodeGrant_IssuesBearerToken_WithTwoHourExpiryRefreshTokenScopeAndCreatedAt()
    {
        var token = await _host.ExchangeCodeAsync();

        Assert.Equal("bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(7200, token["expires_in"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(token["access_token"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(token["refresh_token"]!.GetValue<string>()));
        Assert.Contains("prospects.all", token["scope"]!.GetValue<string>().Split(' '));
        Assert.Equal(_host.Clock.GetUtcNow().ToUnixTimeSeconds(), token["created_at"]!.GetValue<long>());
    }

    [Fact]
    public async Task AuthorizationCodeGrant_WithWrongCodeOrRedirectUri_Is400InvalidGrant()
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = _host.Options.ClientId,
            ["client_secret"] = _host.Options.ClientSecret,
            ["redirect_uri"] = _host.Options.RedirectUri,
            ["code"] = "not-the-code",
        };

        using var wrongCode = await _host.TokenAsync(form);
        form["code"] = _host.Options.AuthorizationCode;
        form["redirect_uri"] = "http://127.0.0.1:1/elsewhere";
        using var wrongRedirect = await _host.TokenAsync(form);

        foreach (var response in new[] { wrongCode, wrongRedirect })
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_grant", body!["error"]!.GetValue<string>());
            Assert.StartsWith("The provided authorization grant is invalid", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TokenRequest_WithWrongClientSecret_Is401InvalidClient()
    {
        using var response = await _host.TokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = _host.Options.ClientId,
            ["client_secret"] = "wrong",
            ["refresh_token"] = _host.Options.RefreshToken,
        });

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body!["error"]!.GetValue<string>());
        Assert.NotNull(body["error_description"]);
    }

    [Fact]
    public async Task TokenRequest_WithUnsupportedGrantType_Is400UnsupportedGrantType()
    {
        using var response = await _host.TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = _host.Options.ClientId, ["client_secret"] = _host.Options.ClientSecret });

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshTokenGrant_RotatesTheRefreshToken_AndTheOldOneIsThenInvalid()
    {
        using var first = await _host.RefreshAsync(_host.Options.RefreshToken);
        var rotated = (await first.Content.ReadFromJsonAsync<JsonObject>())!["refresh_token"]!.GetValue<string>();

        using var reuse = await _host.RefreshAsync(_host.Options.RefreshToken);
        using var second = await _host.RefreshAsync(rotated);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(_host.Options.RefreshToken, rotated);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", (await reuse.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(rotated, (await second.Content.ReadFromJsonAsync<JsonObject>())!["refresh_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshToken_ExpiresAfterFourteenDays()
    {
        var refreshToken = (await _host.ExchangeCodeAsync())["refresh_token"]!.GetValue<string>();

        _host.Clock.Advance(TimeSpan.FromDays(14));
        using var response = await _host.RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AccessToken_WorksForTwoHours_ThenIs401WithJsonApiBody()
    {
        _host.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        using var justBefore = await _host.Api.GetAsync("/api/v2/prospects");

        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await _host.Api.GetAsync("/api/v2/prospects");

        Assert.Equal(HttpStatusCode.OK, justBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(OutreachTestHost.JsonApi, expired.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            """{"errors":[{"id":"unauthorized","title":"Unauthorized","detail":"The access token is invalid or has expired."}]}""",
            await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RefreshedAccessToken_ReplacesAnExpiredOne()
    {
        _host.Clock.Advance(TimeSpan.FromHours(3));
        using var refreshed = await _host.RefreshAsync(_host.Options.RefreshToken);
        var token = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var client = SimulatorFactory.Client(_host.Simulator, token);

        using var response = await client.GetAsync("/api/v2/prospects");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task ApiCall_WithMissingOrUnknownCredentials_Is401WithJsonApiBody(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/prospects");
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await _host.Http.SendAsync(request);

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", error["id"]!.GetValue<string>());
        Assert.Equal("The access token is invalid or has expired.", error["detail"]!.GetValue<string>());
    }
}
