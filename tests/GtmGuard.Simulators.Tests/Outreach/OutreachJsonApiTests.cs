using System.Net;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachJsonApiTests : IAsyncLifetime
{
    private const string UnsupportedMediaType =
        """{"errors":[{"id":"unsupportedMediaType","title":"Unsupported Media Type","details":"Expected Content-Type header to be 'application/vnd.api+json'."}]}""";

    private OutreachTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OutreachTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Create_WithAnotherContentType_Is415WithTheDocumentedBody(string? contentType)
    {
        var body = OutreachTestHost.Document("prospect", new() { ["emails"] = new System.Text.Json.Nodes.JsonArray("ada@example.com") }).ToJsonString();

        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", body, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(OutreachTestHost.JsonApi, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(UnsupportedMediaType, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _host.Simulator.StateSummary()["prospects"]);
    }

    [Fact]
    public async Task Update_WithApplicationJson_Is415()
    {
        var prospect = await _host.CreateProspectAsync("ada@example.com");

        using var response = await _host.SendAsync(HttpMethod.Patch, $"/api/v2/prospects/{OutreachTestHost.Id(prospect)}", """{"data":{"type":"prospect","attributes":{"title":"CTO"}}}""", "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Responses_AreJsonApi()
    {
        using var response = await _host.Api.GetAsync("/api/v2/sequences");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OutreachTestHost.JsonApi, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task MalformedJson_Is400WithAJsonApiError()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", """{"data":{"type":"prospect",""");

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("badRequest", error["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithTheWrongType_Is422PointingAtTheType()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/api/v2/prospects", """{"data":{"type":"account","attributes":{"name":"Acme"}}}""");

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validationError", error["id"]!.GetValue<string>());
        Assert.Equal("/data/type", error["source"]!["pointer"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("POST", "/api/v2/prospects", "")]
    [InlineData("POST", "/api/v2/prospects", "[]")]
    [InlineData("POST", "/api/v2/prospects", "null")]
    [InlineData("POST", "/api/v2/prospects", "{}")]
    [InlineData("POST", "/api/v2/prospects", """{"data":[]}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"attributes":{}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":7}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","id":"x"}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":[]}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"emails":"ada@example.com"}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"emails":[1,2]}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"emails":["not an email"]}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"optedOut":"yes"}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"firstName":{"a":1}}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"score":"high"}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"addedAt":"yesterday"}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"custom151":"x"}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","relationships":[]}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","relationships":{"account":5}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","relationships":{"account":{"data":{"type":"account","id":"abc"}}}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","relationships":{"owner":{"data":{"type":"user","id":99}}}}}""")]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","relationships":{"stage":{"data":{"type":"stage","id":1}}}}}""")]
    [InlineData("PATCH", "/api/v2/prospects/abc", """{"data":{"type":"prospect"}}""")]
    [InlineData("PATCH", "/api/v2/prospects/-1", """{"data":{"type":"prospect"}}""")]
    [InlineData("GET", "/api/v2/prospects/99999999999999999999999", null)]
    [InlineData("GET", "/api/v2/prospects?page[size]=abc", null)]
    [InlineData("GET", "/api/v2/prospects?page[size]=0", null)]
    [InlineData("GET", "/api/v2/prospects?page[after]=%%%", null)]
    [InlineData("GET", "/api/v2/prospects?filter[updatedAt]=soon..later", null)]
    [InlineData("GET", "/api/v2/prospects?filter[updatedAt][between]=1", null)]
    [InlineData("GET", "/api/v2/prospects?filter[id]=one", null)]
    [InlineData("POST", "/api/v2/prospects", """{"data":{"type":"prospect","attributes":{"emails":["a\ud800@x.com"]}}}""")]
    [InlineData("GET", "/api/v2/prospects?filter[optedOut]=maybe", null)]
    [InlineData("GET", "/api/v2/prospects?filter[=1", null)]
    [InlineData("GET", "/api/v2/prospects?sort=email", null)]
    [InlineData("POST", "/api/v2/sequenceStates", """{"data":{"type":"sequenceState","relationships":{"prospect":{"data":null}}}}""")]
    [InlineData("POST", "/api/v2/sequenceStates", """{"data":{"type":"sequenceState","attributes":{"state":"active"}}}""")]
    [InlineData("POST", "/api/v2/sequenceStates/1/actions/finish", "{")]
    [InlineData("POST", "/api/v2/sequenceStates/abc/actions/explode", null)]
    [InlineData("POST", "/api/v2/webhooks", """{"data":{"type":"webhook","attributes":{"url":42}}}""")]
    [InlineData("POST", "/api/v2/webhooks", """{"data":{"type":"webhook","attributes":{"url":"not a url"}}}""")]
    [InlineData("POST", "/api/v2/webhooks", """{"data":{"type":"webhook","attributes":{"url":"http://127.0.0.1:9/x","payloadVersion":"two"}}}""")]
    [InlineData("POST", "/api/v2/webhooks", """{"data":{"type":"webhook","attributes":{"url":"http://127.0.0.1:9/x","active":null}}}""")]
    [InlineData("DELETE", "/api/v2/webhooks/0", null)]
    public async Task BadInput_IsAJsonApiClientError_NeverA500(string method, string path, string? body)
    {
        using var response = await _host.SendAsync(new HttpMethod(method), path, body);

        var status = (int)response.StatusCode;
        Assert.InRange(status, 400, 499);
        Assert.Equal(OutreachTestHost.JsonApi, response.Content.Headers.ContentType!.MediaType);
        Assert.False(string.IsNullOrEmpty((await OutreachTestHost.FirstError(response))["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownPath_Is404_AndWrongMethod_Is405_BothJsonApi()
    {
        using var unknown = await _host.Api.GetAsync("/api/v2/nothingHere");
        using var wrongMethod = await _host.Api.PutAsync("/api/v2/prospects", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("methodNotAllowed", (await OutreachTestHost.FirstError(wrongMethod))["id"]!.GetValue<string>());
    }
}
