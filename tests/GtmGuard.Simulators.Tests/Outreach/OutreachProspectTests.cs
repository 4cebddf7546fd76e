using System.Net;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachProspectTests : IAsyncLifetime
{
    private const string EmailTaken =
        """{"errors":[{"id":"validationError","source":{"pointer":"/data"},"title":"Validation Error","detail":"Contacts email hash has already been taken."}]}""";

    private OutreachTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OutreachTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_Returns201_WithAResourceObjectHavingAnIntegerIdAndSelfLink()
    {
        var document = OutreachTestHost.Document("prospect", new()
        {
            ["emails"] = new JsonArray("ada@example.com"),
            ["firstName"] = "Ada",
            ["lastName"] = "Lovelace",
            ["company"] = "Analytical Engines",
            ["title"] = "CTO",
            ["tags"] = new JsonArray("vip"),
            ["externalId"] = "hs-101",
            ["custom7"] = "clay",
        });

        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", document);

        var data = (await OutreachTestHost.Json(response))["data"]!;
        var attributes = data["attributes"]!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("prospect", data["type"]!.GetValue<string>());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, data["id"]!.GetValueKind());
        Assert.Equal($"{_host.Simulator.BaseUrl}/api/v2/prospects/{data["id"]}", data["links"]!["self"]!.GetValue<string>());
        Assert.Equal("ada@example.com", attributes["emails"]![0]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", attributes["name"]!.GetValue<string>());
        Assert.Equal("hs-101", attributes["externalId"]!.GetValue<string>());
        Assert.Equal("clay", attributes["custom7"]!.GetValue<string>());
        Assert.False(attributes["optedOut"]!.GetValue<bool>());
        Assert.Null(attributes["optedOutAt"]);
        Assert.Equal("2026-11-27T09:00:00.000Z", attributes["createdAt"]!.GetValue<string>());
        Assert.Equal(1, data["relationships"]!["owner"]!["data"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Read_ReturnsTheStoredProspect()
    {
        var created = await _host.CreateProspectAsync("ada@example.com", new() { ["firstName"] = "Ada" });

        using var response = await _host.Api.GetAsync($"/api/v2/prospects/{OutreachTestHost.Id(created)}");

        var data = (await OutreachTestHost.Json(response))["data"]!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OutreachTestHost.Id(created), OutreachTestHost.Id(data));
        Assert.Equal("Ada", data["attributes"]!["firstName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_ChangesOnlyTheGivenAttributes_AndMovesUpdatedAt()
    {
        var created = await _host.CreateProspectAsync("ada@example.com", new() { ["firstName"] = "Ada", ["title"] = "CTO" });
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await _host.SendAsync(HttpMethod.Patch, $"/api/v2/prospects/{OutreachTestHost.Id(created)}", OutreachTestHost.Document("prospect", new() { ["title"] = "CEO" }, id: OutreachTestHost.Id(created)));

        var attributes = (await OutreachTestHost.Json(response))["data"]!["attributes"]!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CEO", attributes["title"]!.GetValue<string>());
        Assert.Equal("Ada", attributes["firstName"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:00:00.000Z", attributes["createdAt"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:05:00.000Z", attributes["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_OptedOutTrue_StampsOptedOutAt()
    {
        var created = await _host.CreateProspectAsync("ada@example.com");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));

        using var response = await _host.SendAsync(HttpMethod.Patch, $"/api/v2/prospects/{OutreachTestHost.Id(created)}", OutreachTestHost.Document("prospect", new() { ["optedOut"] = true }));

        var attributes = (await OutreachTestHost.Json(response))["data"]!["attributes"]!;
        Assert.True(attributes["optedOut"]!.GetValue<bool>());
        Assert.Equal("2026-11-27T09:01:00.000Z", attributes["optedOutAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Returns204_ThenReadIs404()
    {
        var created = await _host.CreateProspectAsync("ada@example.com");
        var path = $"/api/v2/prospects/{OutreachTestHost.Id(created)}";

        using var deleted = await _host.Api.DeleteAsync(path);
        using var read = await _host.Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(0, _host.Simulator.StateSummary()["prospects"]);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task UnknownId_Is404ResourceNotFound_NamingTheTypeAndId(string method)
    {
        using var response = await _host.SendAsync(new HttpMethod(method), "/api/v2/prospects/999", method == "PATCH" ? """{"data":{"type":"prospect","attributes":{}}}""" : null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            """{"errors":[{"id":"resourceNotFound","title":"Resource Not Found","detail":"Could not find 'prospect' with ID '999'."}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_WithAnEmailAlreadyTaken_Is422WithTheDocumentedBody_RegardlessOfCase()
    {
        await _host.CreateProspectAsync("ada@example.com");

        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", OutreachTestHost.Document("prospect", new() { ["emails"] = new JsonArray("ADA@Example.com") }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(EmailTaken, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _host.Simulator.StateSummary()["prospects"]);
    }

    [Fact]
    public async Task Update_ToAnotherProspectsEmail_Is422_ButKeepingItsOwnEmailIsFine()
    {
        await _host.CreateProspectAsync("ada@example.com");
        var grace = await _host.CreateProspectAsync("grace@example.com");
        var path = $"/api/v2/prospects/{OutreachTestHost.Id(grace)}";

        using var stolen = await _host.SendAsync(HttpMethod.Patch, path, OutreachTestHost.Document("prospect", new() { ["emails"] = new JsonArray("ada@example.com") }));
        using var kept = await _host.SendAsync(HttpMethod.Patch, path, OutreachTestHost.Document("prospect", new() { ["emails"] = new JsonArray("grace@example.com", "g@example.com") }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, stolen.StatusCode);
        Assert.Equal(EmailTaken, await stolen.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task Delete_FreesTheEmailForANewProspect()
    {
        var ada = await _host.CreateProspectAsync("ada@example.com");
        using var deleted = await _host.Api.DeleteAsync($"/api/v2/prospects/{OutreachTestHost.Id(ada)}");

        using var again = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", OutreachTestHost.Document("prospect", new() { ["emails"] = new JsonArray("ada@example.com") }));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Create_WithAnUnknownAttribute_Is422NamingIt()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", OutreachTestHost.Document("prospect", new() { ["emails"] = new JsonArray("ada@example.com"), ["leadScore"] = 87 }));

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validationError", error["id"]!.GetValue<string>());
        Assert.Equal("/data/attributes/leadScore", error["source"]!["pointer"]!.GetValue<string>());
        Assert.Contains("'leadScore'", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAReadOnlyAttribute_Is422NamingIt()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", OutreachTestHost.Document("prospect", new() { ["createdAt"] = "2020-01-01T00:00:00Z" }));

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/data/attributes/createdAt", error["source"]!["pointer"]!.GetValue<string>());
    }
}
