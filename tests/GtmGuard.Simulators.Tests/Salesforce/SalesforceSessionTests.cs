using System.Net;
using System.Net.Http.Headers;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceSessionTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync(o => o.SessionLifetime = TimeSpan.FromHours(2));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Session_AfterLifetime_Returns401InvalidSessionId()
    {
        using var before = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");
        _host.Clock.Advance(TimeSpan.FromHours(2));

        using var after = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Token", after.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Session_JustBeforeLifetime_StillWorks()
    {
        _host.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));

        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutSession_Returns401InvalidSessionId()
    {
        using var response = await _host.Anonymous.GetAsync($"{SalesforceTestHost.Data}/sobjects/Contact/003GT0000000001YAA");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Request_WithOAuthScheme_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{SalesforceTestHost.Data}/limits");
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", _host.AccessToken);

        using var response = await _host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ExpireTokensControlCall_ThenRefresh_GivesAWorkingSessionAgain()
    {
        using var expire = await _host.Anonymous.PostAsync("/__gtmguard/tokens/expire", null);
        using var expired = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        await _host.LoginAsync();
        using var refreshed = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }
}
