using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Sync.Vendors;

/// <summary>Strict reads of vendor JSON: a missing or mistyped member is a <see cref="MalformedResponseException"/>.</summary>
internal static class JsonRead
{
    public static JsonObject Object(JsonNode? node, string what) =>
        node as JsonObject ?? throw new MalformedResponseException($"{what} is not a JSON object.");

    public static JsonArray Array(JsonNode? node, string what) =>
        node as JsonArray ?? throw new MalformedResponseException($"{what} is not a JSON array.");

    public static string String(JsonObject json, string name) =>
        OptionalString(json, name) ?? throw new MalformedResponseException($"'{name}' is missing.");

    /// <summary>A string member, or a number rendered invariantly (Outreach ids are integers, HubSpot's are strings).</summary>
    public static string? OptionalString(JsonObject json, string name) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        _ => throw new MalformedResponseException($"'{name}' is not a string."),
    };

    public static long Long(JsonObject json, string name) => json[name] switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new MalformedResponseException($"'{name}' is not an integer."),
    };

    public static bool Bool(JsonObject json, string name, bool fallback = false) => json[name] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new MalformedResponseException($"'{name}' is not a boolean."),
    };
}
