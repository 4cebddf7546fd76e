using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// Reads fields of a request body the way HubSpot's deserializer does: scalars coerce to strings, a field of the
/// wrong shape is a 400 (via <see cref="MalformedBodyException"/>), never an exception escaping the handler.
/// </summary>
internal static class HubSpotInput
{
    /// <summary>A string field; numbers and booleans are accepted as their text, as HubSpot does for ids.</summary>
    public static string? Text(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => throw new MalformedBodyException($"Field '{field}' must be a string, got {Kind(node)}."),
    };

    /// <summary>An array of strings, or null when the field is absent.</summary>
    public static string[]? TextList(JsonNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new MalformedBodyException($"Field '{field}' must be an array of strings, got {Kind(node)}.");
        }

        return array.Select((item, i) => Text(item, $"{field}[{i}]") ?? throw new MalformedBodyException($"Field '{field}[{i}]' must not be null.")).ToArray();
    }

    /// <summary>An integer field given as a number or a numeric string.</summary>
    public static int? Integer(JsonNode? node, string field)
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MalformedBodyException($"Field '{field}' must be an integer, got '{text}'.");
    }

    /// <summary>An object field, or null when absent.</summary>
    public static JsonObject? Object(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonObject value => value,
        _ => throw new MalformedBodyException($"Field '{field}' must be an object, got {Kind(node)}."),
    };

    private static string Kind(JsonNode node) => node.GetValueKind().ToString().ToLowerInvariant();
}
