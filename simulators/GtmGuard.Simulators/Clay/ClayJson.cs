using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// Request bodies read the way Clay's JavaScript stack reads them: a repeated property name keeps its last value.
/// (System.Text.Json's nodes would throw on first access to such an object, long after the request was accepted.)
/// </summary>
internal static class ClayJson
{
    /// <summary>The body as fully built nodes; malformed JSON and non-JSON content types throw as <see cref="SimRequest.Json"/> does.</summary>
    public static JsonNode? Body(SimRequest request)
    {
        request.RequireJsonContentType();
        if (!request.HasBody)
        {
            return null;
        }

        try
        {
            // A row holding text that cannot be decoded would be stored and then fail every later read of its table.
            SimRequest.RequireReadableText(request.BodyBytes);
            using var document = JsonDocument.Parse(request.BodyBytes);
            return Build(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new MalformedBodyException(ex.Message, ex);
        }
    }

    /// <summary>Parses text with the same last-value-wins rule; malformed JSON throws <see cref="JsonException"/>.</summary>
    public static JsonNode? Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return Build(document.RootElement);
    }

    private static JsonNode? Build(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => BuildObject(element),
        JsonValueKind.Array => new JsonArray(element.EnumerateArray().Select(Build).ToArray()),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element.Clone()),
    };

    private static JsonObject BuildObject(JsonElement element)
    {
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = Build(property.Value);
        }

        return result;
    }
}
