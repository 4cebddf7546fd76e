using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Renders resources and documents the way Outreach's JSON:API does: integer ids, <c>links.self</c>, <c>application/vnd.api+json</c>.</summary>
internal static class OutreachJson
{
    /// <summary>The collection path segment of a type: <c>prospect</c> → <c>prospects</c>, <c>mailbox</c> → <c>mailboxes</c>.</summary>
    public static string Collection(string type) => type == "mailbox" ? "mailboxes" : type + "s";

    public static string SelfLink(string baseUrl, string type, long id) =>
        $"{baseUrl}/api/v2/{Collection(type)}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static JsonObject Resource(IOutreachResource resource, string baseUrl) => new()
    {
        ["type"] = resource.Type,
        ["id"] = resource.Id,
        ["attributes"] = resource.Attributes(),
        ["relationships"] = resource.Relationships(baseUrl),
        ["links"] = new JsonObject { ["self"] = SelfLink(baseUrl, resource.Type, resource.Id) },
    };

    public static SimResponse Document(int status, IOutreachResource resource, string baseUrl) =>
        Document(status, new JsonObject { ["data"] = Resource(resource, baseUrl) });

    public static SimResponse Document(int status, JsonObject document) => SimResponse.Json(status, document, OutreachHeaders.JsonApi);

    public static JsonObject ToOne(string type, long? id) => new()
    {
        ["data"] = id is { } value ? new JsonObject { ["type"] = type, ["id"] = value } : null,
    };

    /// <summary>A to-many relationship as a link to the filtered collection, e.g. a prospect's sequence states.</summary>
    public static JsonObject ToMany(string baseUrl, string type, string filter, long id) => new()
    {
        ["links"] = new JsonObject
        {
            ["related"] = $"{baseUrl}/api/v2/{Collection(type)}?filter%5B{filter}%5D%5Bid%5D={id.ToString(CultureInfo.InvariantCulture)}",
        },
    };

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
