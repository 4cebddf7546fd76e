using System.Net;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.HubSpot;

/// <summary>Checks every HubSpot body shares: JSON content type, and the error envelope.</summary>
internal static class HubSpotAssert
{
    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static async Task<JsonObject> JsonObjectAsync(HttpResponseMessage response) =>
        Assert.IsType<JsonObject>(await JsonAsync(response));

    /// <summary>Asserts status, <c>status:"error"</c>, the category and a correlation id; returns the body.</summary>
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string category)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Equal("error", Text(body, "status"));
        Assert.Equal(category, Text(body, "category"));
        Assert.True(Guid.TryParse(Text(body, "correlationId"), out _), "correlationId should be a UUID");
        return body;
    }

    public static string? Text(JsonNode? node, string name) => node?[name]?.GetValue<string>();

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;
}
