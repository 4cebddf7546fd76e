using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Salesforce;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceOAuthTests : IAsyncLifetime
{
    private const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SalesforceOptions Options => _host.Options;

    [Fact]
    public async Task RefreshToken_ReturnsSessionWithInstanceUrlIdentityAndSignatureButNoRefreshToken()
    {
        var token = await _host.TokenAsync(RefreshForm());

        var id = token["id"]!.GetValue<string>();
        var issuedAt = token["issued_at"]!.GetValue<string>();
        var expectedSignature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.ClientSecret), Encoding.UTF8.GetBytes(id + issuedAt)));
        Assert.Equal(_host.Simulator.BaseUrl, token["instance_url"]!.GetValue<string>());
        Assert.Equal($"{_host.Simulator.BaseUrl}/id/{Options.OrgId}/{Options.UserId}", id);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), issuedAt);
        Assert.Equal(expectedSignature, token["signature"]!.GetValue<string>());
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal("api refresh_token", token["scope"]!.GetValue<string>());
        Assert.False(token.ContainsKey("refresh_token"));
        Assert.False(token.ContainsKey("expires_in"));
    }

    [Fact]
    public async Task Password_WithRightCredentials_IssuesAWorkingSession()
    {
        var token = await _host.TokenAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["username"] = Options.Username,
            ["password"] = Options.Password,
        });

        using var limits = await GetWithTokenAsync(token["access_token"]!.GetValue<string>(), $"{SalesforceTestHost.Data}/limits");
        Assert.Equal(HttpStatusCode.OK, limits.StatusCode);
        Assert.False(token.ContainsKey("refresh_token"));
    }

    [Fact]
    public async Task Password_WithWrongPassword_ReturnsInvalidGrantAuthenticationFailure()
    {
        using var response = await PostTokenAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["username"] = Options.Username,
            ["password"] = "wrong",
        });

        await AssertOAuthErrorAsync(response, "invalid_grant", "authentication failure");
    }

    [Fact]
    public async Task ClientCredentials_IssuesASession()
    {
        var token = await _host.TokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
        });

        Assert.StartsWith(Options.OrgId[..15] + "!", token["access_token"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshToken_WithUnknownToken_ReturnsInvalidGrantExpiredToken()
    {
        var form = RefreshForm();
        form["refresh_token"] = "nope";

        using var response = await PostTokenAsync(form);

        await AssertOAuthErrorAsync(response, "invalid_grant", "expired access/refresh token");
    }

    [Fact]
    public async Task Token_WithUnknownClientId_ReturnsInvalidClientId()
    {
        var form = RefreshForm();
        form["client_id"] = "someone-else";

        using var response = await PostTokenAsync(form);

        await AssertOAuthErrorAsync(response, "invalid_client_id", "client identifier invalid");
    }

    [Fact]
    public async Task Token_WithWrongSecret_ReturnsInvalidClient()
    {
        var form = RefreshForm();
        form["client_secret"] = "wrong";

        using var response = await PostTokenAsync(form);

        await AssertOAuthErrorAsync(response, "invalid_client", "invalid client credentials");
    }

    [Fact]
    public async Task Token_WithUnknownGrant_ReturnsUnsupportedGrantType()
    {
        using var response = await PostTokenAsync(new() { ["grant_type"] = "authorization_magic" });

        await AssertOAuthErrorAsync(response, "unsupported_grant_type", "grant type not supported");
    }

    [Fact]
    public async Task Revoke_MakesTheSessionInvalid()
    {
        using var revoke = await _host.Anonymous.PostAsync("/services/oauth2/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = _host.AccessToken }));

        using var after = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", await after.ErrorCodeAsync());
    }

    [Fact]
    public async Task JwtBearer_SignedWithGeneratedPrivateKey_IssuesASession()
    {
        using var key = RSA.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(_host.Simulator.Credentials["jwtPrivateKeyPath"]));
        var assertion = Assertion(key, Options.ClientId, Options.Username, "https://login.salesforce.com", TimeSpan.FromMinutes(3));

        var token = await _host.TokenAsync(new() { ["grant_type"] = JwtBearer, ["assertion"] = assertion });

        Assert.Equal(_host.Simulator.BaseUrl, token["instance_url"]!.GetValue<string>());
        Assert.False(token.ContainsKey("refresh_token"));
        Assert.True(File.Exists(_host.Simulator.Credentials["jwtPublicKeyPath"]));
    }

    [Fact]
    public async Task JwtBearer_WithWrongAudience_ReturnsInvalidGrant()
    {
        using var key = RSA.Create(2048);
        await using var host = await SalesforceTestHost.StartAsync(o => o.JwtPublicKeyPem = key.ExportSubjectPublicKeyInfoPem());
        var assertion = Assertion(key, host.Options.ClientId, host.Options.Username, "https://evil.example.com", TimeSpan.FromMinutes(3));

        using var response = await host.Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = JwtBearer, ["assertion"] = assertion }));

        await AssertOAuthErrorAsync(response, "invalid_grant", "audience is invalid");
    }

    [Fact]
    public async Task JwtBearer_WithTestKeyAndSandboxAudience_IssuesASession()
    {
        using var key = RSA.Create(2048);
        await using var host = await SalesforceTestHost.StartAsync(o => o.JwtPublicKeyPem = key.ExportSubjectPublicKeyInfoPem());
        var assertion = Assertion(key, host.Options.ClientId, host.Options.Username, "https://test.salesforce.com", TimeSpan.FromMinutes(3));

        using var response = await host.Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = JwtBearer, ["assertion"] = assertion }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(host.Simulator.Credentials.ContainsKey("jwtPrivateKeyPath"));
    }

    [Fact]
    public async Task JwtBearer_ExpiredOnTheSimulatorClock_ReturnsInvalidGrant()
    {
        using var key = RSA.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(_host.Simulator.Credentials["jwtPrivateKeyPath"]));
        var assertion = Assertion(key, Options.ClientId, Options.Username, "https://login.salesforce.com", TimeSpan.FromMinutes(3));
        _host.Clock.Advance(TimeSpan.FromMinutes(4));

        using var response = await PostTokenAsync(new() { ["grant_type"] = JwtBearer, ["assertion"] = assertion });

        await AssertOAuthErrorAsync(response, "invalid_grant", "expired authorization code");
    }

    [Fact]
    public async Task JwtBearer_SignedWithAnotherKey_ReturnsInvalidAssertion()
    {
        using var stranger = RSA.Create(2048);
        var assertion = Assertion(stranger, Options.ClientId, Options.Username, "https://login.salesforce.com", TimeSpan.FromMinutes(3));

        using var response = await PostTokenAsync(new() { ["grant_type"] = JwtBearer, ["assertion"] = assertion });

        await AssertOAuthErrorAsync(response, "invalid_grant", "invalid assertion");
    }

    [Fact]
    public async Task JwtBearer_WithOtherIssuer_ReturnsInvalidClientId()
    {
        using var key = RSA.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(_host.Simulator.Credentials["jwtPrivateKeyPath"]));
        var assertion = Assertion(key, "another-consumer-key", Options.Username, "https://login.salesforce.com", TimeSpan.FromMinutes(3));

        using var response = await PostTokenAsync(new() { ["grant_type"] = JwtBearer, ["assertion"] = assertion });

        await AssertOAuthErrorAsync(response, "invalid_client_id", "client identifier invalid");
    }

    [Fact]
    public async Task JwtBearer_WithGarbageAssertion_ReturnsInvalidAssertion()
    {
        using var response = await PostTokenAsync(new() { ["grant_type"] = JwtBearer, ["assertion"] = "not.a.jwt" });

        await AssertOAuthErrorAsync(response, "invalid_grant", "invalid assertion");
    }

    private Dictionary<string, string> RefreshForm() => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = Options.RefreshToken,
        ["client_id"] = Options.ClientId,
        ["client_secret"] = Options.ClientSecret,
    };

    private string Assertion(RSA key, string issuer, string subject, string audience, TimeSpan lifetime)
    {
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject },
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey(key), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The library caches signature providers per key; tests dispose their keys, so nothing may be cached.</summary>
    internal static RsaSecurityKey SigningKey(RSA key) =>
        new(key) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };

    private Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form) =>
        _host.Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(form));

    private async Task<HttpResponseMessage> GetWithTokenAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await _host.Anonymous.SendAsync(request);
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string error, string description)
    {
        var body = (JsonObject)await response.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.Equal(description, body["error_description"]!.GetValue<string>());
    }
}
