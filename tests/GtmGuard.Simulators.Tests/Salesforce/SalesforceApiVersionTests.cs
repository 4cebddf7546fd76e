using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceApiVersionTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task VersionsList_NeedsNoSessionAndNamesReleases()
    {
        var versions = await _host.Anonymous.GetFromJsonAsync<JsonArray>("/services/data");

        var byVersion = versions!.ToDictionary(v => v!["version"]!.GetValue<string>(), v => v!);
        Assert.Equal("Spring '26", byVersion["66.0"]["label"]!.GetValue<string>());
        Assert.Equal("/services/data/v66.0", byVersion["66.0"]["url"]!.GetValue<string>());
        Assert.Equal("Summer '19", byVersion["46.0"]["label"]!.GetValue<string>());
        Assert.Equal("Spring '19", byVersion["45.0"]["label"]!.GetValue<string>());
        Assert.Equal("Winter '22", byVersion["53.0"]["label"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v99.0")]
    [InlineData("vabc")]
    [InlineData("v66")]
    public async Task UnknownVersion_Returns404NotFound(string version)
    {
        using var response = await _host.Http.GetAsync($"/services/data/{version}/limits");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task RetiredVersion_Returns410Gone()
    {
        using var response = await _host.Http.GetAsync("/services/data/v30.0/limits");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("GONE", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task OldestSupportedVersion_Answers()
    {
        using var response = await _host.Http.GetAsync("/services/data/v31.0/limits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
