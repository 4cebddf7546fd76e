using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Sync.Vendors;

/// <summary>
/// The message of a vendor error body, prefixed with its code: Salesforce <c>[{errorCode, message}]</c>, HubSpot
/// <c>{category, message}</c>, Outreach <c>{errors:[{id, detail}]}</c>, Clay <c>{message}</c>, OAuth <c>{error, error_description}</c>.
/// </summary>
internal static class VendorErrorText
{
    private const int MaxLength = 1000;

    public static string From(string body)
    {
        try
        {
            var text = JsonNode.Parse(body) switch
            {
                JsonArray { Count: > 0 } array when array[0] is JsonObject first => Join(first, "errorCode", "message"),
                JsonObject { } json when json["errors"] is JsonArray { Count: > 0 } errors && errors[0] is JsonObject error =>
                    Join(error, "id", "detail") ?? Join(error, "id", "title"),
                JsonObject { } json => Join(json, "category", "message") ?? Join(json, "error", "error_description"),
                _ => null,
            };
            if (text is not null)
            {
                return Truncate(text);
            }
        }
        catch (JsonException)
        {
        }

        return Truncate(body.Trim());
    }

    private static string? Join(JsonObject json, string codeName, string messageName)
    {
        var code = Text(json, codeName);
        var message = Text(json, messageName);
        return code is null && message is null ? null : code is null ? message : message is null ? code : $"{code}: {message}";
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static string Truncate(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
