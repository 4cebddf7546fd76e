using System.Net;
using GtmGuard.Simulators.Chaos;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceQuotaTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync(o => o.DailyApiRequestLimit = 3);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DataResponses_CarrySforceLimitInfoWithUsage()
    {
        using var first = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");
        using var second = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/sobjects/Contact/003GT0000000001YAA");

        Assert.Equal("api-usage=1/3", first.Headers.GetValues("Sforce-Limit-Info").Single());
        Assert.Equal("api-usage=2/3", second.Headers.GetValues("Sforce-Limit-Info").Single());
    }

    [Fact]
    public async Task VersionsList_IsNotMeteredAndCarriesNoLimitHeader()
    {
        using var versions = await _host.Anonymous.GetAsync("/services/data/");
        using var limits = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        Assert.False(versions.Headers.Contains("Sforce-Limit-Info"));
        Assert.Equal("api-usage=1/3", limits.Headers.GetValues("Sforce-Limit-Info").Single());
    }

    [Fact]
    public async Task DailyAllocation_WhenExhausted_Returns403RequestLimitExceeded()
    {
        for (var i = 0; i < 3; i++)
        {
            using var ok = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task DailyAllocation_FreesUpAsCallsLeaveTheRolling24Hours()
    {
        for (var i = 0; i < 3; i++)
        {
            (await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits")).Dispose();
        }

        _host.Clock.Advance(TimeSpan.FromHours(23));
        await _host.LoginAsync();
        using var stillRefused = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");
        _host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await _host.LoginAsync();
        using var allowed = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.Forbidden, stillRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Limits_ReportsDailyApiRequestsMaxAndRemaining()
    {
        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");
        var body = await response.JsonAsync();

        Assert.Equal(3, body["DailyApiRequests"]!["Max"]!.GetValue<long>());
        Assert.Equal(2, body["DailyApiRequests"]!["Remaining"]!.GetValue<long>());
    }

    [Fact]
    public async Task ChaosRateLimit_AnswersLikeAnExhaustedAllocation()
    {
        _host.Simulator.Chaos.Apply(new ChaosPlan("test", 1, [new ChaosRule("limits", ChaosFault.RateLimit, 1.0, null, null, TimeSpan.Zero, null)], []));

        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/limits");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task ChaosServerError_IsAVendorShaped500()
    {
        _host.Simulator.Chaos.Apply(new ChaosPlan("test", 1, [new ChaosRule("sobjects.*", ChaosFault.ServerError, 1.0, null, null, TimeSpan.Zero, null)], []));

        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/sobjects/Contact/003GT0000000001YAA");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("UNKNOWN_EXCEPTION", await response.ErrorCodeAsync());
    }
}
