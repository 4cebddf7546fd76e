using System.Net;
using System.Net.Http.Json;
using System.Text;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotBadInputTests : IAsyncLifetime
{
    private const long BodyLimit = 4096;

    /// <summary>Bodies a careless client might send; each must earn a HubSpot-shaped answer, never a 500.</summary>
    private static readonly string[] HostileBodies =
    [
        "",
        "{",
        "null",
        "[]",
        "42",
        "\"text\"",
        "{\"a\":1,\"a\":2}",
        "{\"properties\":[]}",
        "{\"properties\":{\"email\":{\"nested\":true}}}",
        "{\"properties\":{\"email\":[\"a@b.co\"]}}",
        "{\"inputs\":{}}",
        "{\"inputs\":[1,2]}",
        "{\"inputs\":[null]}",
        "{\"inputs\":[{\"id\":{}}]}",
        "{\"inputs\":[{\"id\":12345,\"idProperty\":7,\"properties\":{\"firstname\":\"x\"}}]}",
        "{\"inputs\":[{\"id\":\"a@b.co\",\"idProperty\":[\"email\"]}]}",
        "{\"inputs\":[{\"properties\":null,\"objectWriteTraceId\":{}}]}",
        "{\"idProperty\":{},\"properties\":\"email\",\"inputs\":[{\"id\":\"1\"}]}",
        "{\"filterGroups\":{}}",
        "{\"filterGroups\":[1]}",
        "{\"filterGroups\":[{\"filters\":[1]}]}",
        "{\"filterGroups\":[{\"filters\":[{\"propertyName\":1,\"operator\":[],\"value\":{}}]}]}",
        "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"IN\",\"values\":\"x\"}]}]}",
        "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"IN\",\"values\":[null]}]}]}",
        "{\"sorts\":[{}],\"limit\":\"x\"}",
        "{\"sorts\":\"createdate\",\"after\":{}}",
        "{\"sorts\":[{\"propertyName\":\"email\",\"direction\":5}]}",
        "{\"limit\":1e309,\"after\":-5}",
        "{\"query\":{},\"properties\":[1,{}]}",
    ];

    private HubSpotTestHost _host = null!;

    private HttpClient Http => _host.Http;

    public Task InitializeAsync()
    {
        _host = HubSpotTestHost.Start(settings: s => s.MaxRequestBodyBytes = BodyLimit);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task HostileBodies_OnEveryWriteRoute_GetVendorShaped4xxOrSuccess_NeverA500()
    {
        var contact = await _host.CreateContactAsync(new { email = "victim@example.com" });
        var routes = _host.Simulator.Routes.Where(r => r.Method is "POST" or "PATCH" && !r.Template.StartsWith("/oauth", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var path = route.Template.Replace("{objectId}", contact["id"]!.GetValue<string>(), StringComparison.Ordinal);
            foreach (var body in HostileBodies)
            {
                using var response = await _host.SendRawAsync(new HttpMethod(route.Method), path, body);
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if ((int)response.StatusCode >= 500 || (response.Content.Headers.ContentLength > 0 && mediaType != "application/json"))
                {
                    failures.Add($"{route.Method} {path} {body} → {(int)response.StatusCode} {mediaType}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(routes.Count >= 20, "expected every CRM route of contacts and companies, on both path versions");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task HostileQueries_OnEveryReadRoute_GetVendorShapedAnswers_NeverA500()
    {
        var contact = await _host.CreateContactAsync(new { email = "reader@example.com" });
        string[] queries =
        [
            "?limit=-1", "?limit=99999999999", "?limit=", "?after=", "?after=%00", "?after=LTE%3D", "?idProperty=", "?idProperty=email",
            "?archived=maybe", "?properties=,,,", "?properties=&properties=email", "?associations=companies&propertiesWithHistory=email",
        ];
        var routes = _host.Simulator.Routes.Where(r => r.Method is "GET" or "DELETE" && !r.Template.StartsWith("/oauth", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var path = route.Template.Replace("{objectId}", contact["id"]!.GetValue<string>(), StringComparison.Ordinal);
            foreach (var query in queries)
            {
                using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), path + query));
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if ((int)response.StatusCode >= 500 || (response.Content.Headers.ContentLength > 0 && mediaType != "application/json"))
                {
                    failures.Add($"{route.Method} {path}{query} → {(int)response.StatusCode} {mediaType}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.NotEmpty(routes);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task MalformedJson_Returns400ValidationError()
    {
        var response = await _host.SendRawAsync(HttpMethod.Post, Contacts, "{\"properties\": {\"email\": ");

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.StartsWith("Invalid input JSON", Text(body, "message"));
    }

    [Fact]
    public async Task DuplicateJsonKeys_Return400ValidationError()
    {
        var response = await _host.SendRawAsync(HttpMethod.Post, Contacts, "{\"properties\":{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}}");

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task JsonArrayInsteadOfObject_Returns400()
    {
        var response = await _host.SendRawAsync(HttpMethod.Post, Contacts, "[{\"properties\":{}}]");

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task EmptyBody_OnCreate_Returns400()
    {
        var response = await _host.SendRawAsync(HttpMethod.Post, Contacts, string.Empty);

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task WrongContentType_Returns415WithHubSpotBody()
    {
        var response = await _host.SendRawAsync(HttpMethod.Post, Contacts, "email=a@example.com", "text/plain");

        var body = await ErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        Assert.Contains("text/plain", Text(body, "message"));
    }

    [Fact]
    public async Task OversizedBody_Returns413WithHubSpotBody()
    {
        var big = new string('x', (int)BodyLimit * 2);

        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { firstname = big } });

        await ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task UnknownPath_Returns404WithHubSpotBody()
    {
        var response = await Http.GetAsync("/crm/v3/objects/unicorns");

        await ErrorAsync(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
    }

    [Fact]
    public async Task UnsupportedMethod_Returns405WithAllowHeader()
    {
        var response = await Http.PutAsJsonAsync($"{Contacts}/1", new { properties = new { firstname = "x" } });

        await ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "VALIDATION_ERROR");
        Assert.Contains("PATCH", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999999999999")]
    [InlineData("%20")]
    public async Task InvalidIds_Return404ObjectNotFound(string id)
    {
        var response = await Http.GetAsync($"{Contacts}/{id}");

        await ErrorAsync(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
    }

    [Fact]
    public async Task NumericIdsInBatchInputs_AreAcceptedAsStrings()
    {
        var created = await _host.CreateContactAsync(new { email = "numeric@example.com" });
        var json = $"{{\"inputs\":[{{\"id\":{created["id"]}}}],\"properties\":[\"email\"]}}";

        var response = await _host.SendRawAsync(HttpMethod.Post, $"{Contacts}/batch/read", json);

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("numeric@example.com", Text(body["results"]![0]!["properties"], "email"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%")]
    [InlineData("==&&=")]
    [InlineData("grant_type=%ZZ&client_id=%E0%A4%A")]
    [InlineData("grant_type=refresh_token&grant_type=authorization_code")]
    public async Task TokenEndpoint_WithHostileFormBodies_Returns400(string form)
    {
        using var anonymous = _host.Client();

        var response = await anonymous.PostAsync("/oauth/v1/token", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FormBodyOnTokenEndpoint_WithJsonContentType_Returns400NotA500()
    {
        var response = await _host.Client().PostAsync("/oauth/v1/token", new StringContent("{\"grant_type\":\"refresh_token\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
