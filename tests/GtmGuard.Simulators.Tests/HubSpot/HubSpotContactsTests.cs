using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Tests.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotContactsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = SimulatorFactory.NewClock();
    private HubSpotSimulator _sim = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _sim = SimulatorFactory.HubSpot(_clock);
        _http = SimulatorFactory.Client(_sim, new HubSpotOptions().PrivateAppToken);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Create_ThenReadById_ReturnsTheStoredContact()
    {
        var created = await _http.PostAsJsonAsync("/crm/v3/objects/contacts", new { properties = new { email = "Jane@Example.com", firstname = "Jane" } });
        var body = await created.Content.ReadFromJsonAsync<JsonObject>();

        var read = await _http.GetFromJsonAsync<JsonObject>($"/crm/v3/objects/contacts/{body!["id"]}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json; charset=utf-8", created.Content.Headers.ContentType!.ToString());
        Assert.Equal("jane@example.com", read!["properties"]!["email"]!.GetValue<string>());
        Assert.Equal("Jane", read["properties"]!["firstname"]!.GetValue<string>());
        Assert.False(read["archived"]!.GetValue<bool>());
    }
}
