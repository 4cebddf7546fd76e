using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Tests.HubSpot;

namespace GtmGuard.Simulators.Tests.Hosting;

/// <summary>WireMock's admin API stays usable next to the built-in routes (checked on the HubSpot simulator).</summary>
public sealed class WireMockAdminApiTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task UserMappingPostedThroughAdminApi_OverridesTheBuiltInRoute()
    {
        var created = await Host.CreateContactAsync(new { email = "real@example.com" });
        var path = $"{HubSpotTestHost.Contacts}/{created["id"]}";
        var mapping = new
        {
            Request = new { Path = path, Methods = new[] { "GET" } },
            Response = new { StatusCode = 418, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" }, Body = "{\"overridden\":true}" },
        };

        var admin = await Host.Http.PostAsJsonAsync("/__admin/mappings", mapping);
        var response = await Host.Http.GetAsync(path);
        var otherRoute = await Host.Http.GetAsync(HubSpotTestHost.Contacts);

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
        await Host.Http.PostAsJsonAsync("/__admin/mappings", mapping);
        var overridden = await Host.Http.GetAsync(HubSpotTestHost.Contacts);

        var deleted = await Host.Http.DeleteAsync($"/__admin/mappings/{mapping.Guid}");
        var restored = await Host.Http.GetAsync(HubSpotTestHost.Contacts);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, overridden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    [Fact]
    public async Task RequestJournal_IsReadableThroughAdminApi()
    {
        await Host.Http.GetAsync($"{HubSpotTestHost.Contacts}?limit=7");

        var response = await Host.Http.GetAsync("/__admin/requests");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var journal = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(journal, entry =>
            entry!["Request"]!["Path"]!.GetValue<string>() == HubSpotTestHost.Contacts
            && entry["Request"]!["Method"]!.GetValue<string>() == "GET"
            && entry["Response"]!["StatusCode"]!.ToString() == "200");
    }
}
