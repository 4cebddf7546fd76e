using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Tests.HubSpot;

namespace GtmGuard.Simulators.Tests.Hosting;

/// <summary>WireMock's admin API stays usable next to the built-in routes (checked on the HubSpot simulator).</summary>
public sealed class WireMockAdminApiTests : IAsyncLifetime
{
    private HubSpotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = HubSpotTestHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UserMappingPostedThroughAdminApi_OverridesTheBuiltInRoute()
    {
        var created = await _host.CreateContactAsync(new { email = "real@example.com" });
        var path = $"{HubSpotTestHost.Contacts}/{created["id"]}";
        var mapping = new
        {
            Request = new { Path = path, Methods = new[] { "GET" } },
            Response = new { StatusCode = 418, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" }, Body = "{\"overridden\":true}" },
        };

        var admin = await _host.Http.PostAsJsonAsync("/__admin/mappings", mapping);
        var response = await _host.Http.GetAsync(path);
        var otherRoute = await _host.Http.GetAsync(HubSpotTestHost.Contacts);

        Assert.True(admin.StatusCode == HttpStatusCode.Created, await admin.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("{\"overridden\":true}", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, otherRoute.StatusCode);
    }

    [Fact]
    public async Task DeletingTheUserMapping_RestoresTheBuiltInRoute()
    {
        var mapping = new
        {
            Guid = Guid.NewGuid(),
            Request = new { Path = HubSpotTestHost.Contacts, Methods = new[] { "GET" } },
            Response = new { StatusCode = 503 },
        };
        await _host.Http.PostAsJsonAsync("/__admin/mappings", mapping);
        var overridden = await _host.Http.GetAsync(HubSpotTestHost.Contacts);

        var deleted = await _host.Http.DeleteAsync($"/__admin/mappings/{mapping.Guid}");
        var restored = await _host.Http.GetAsync(HubSpotTestHost.Contacts);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, overridden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    [Fact]
    public async Task RequestJournal_IsReadableThroughAdminApi()
    {
        await _host.Http.GetAsync($"{HubSpotTestHost.Contacts}?limit=7");

        var response = await _host.Http.GetAsync("/__admin/requests");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var journal = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(journal, entry =>
            entry!["Request"]!["Path"]!.GetValue<string>() == HubSpotTestHost.Contacts
            && entry["Request"]!["Method"]!.GetValue<string>() == "GET"
            && entry["Response"]!["StatusCode"]!.ToString() == "200");
    }
}
