using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>Reads request bodies the way Salesforce's JSON reader reports them: JSON_PARSER_ERROR with line and column.</summary>
internal static class SalesforceBody
{
    private const string BodyRequired = "The HTTP entity body is required, but this request has no entity body.";

    /// <summary>The body as a JSON object; anything else throws <see cref="MalformedBodyException"/> (400 JSON_PARSER_ERROR).</summary>
    public static JsonObject Object(SimRequest request, string target = "sObject") => Read(request, target) switch
    {
        JsonObject body => body,
        var other => throw Unexpected(other, target),
    };

    public static JsonNode Read(SimRequest request, string target)
    {
        try
        {
            return request.Json() ?? throw new MalformedBodyException(BodyRequired);
        }
        catch (MalformedBodyException ex) when (ex.InnerException is JsonException json)
        {
            throw new MalformedBodyException(string.Create(
                CultureInfo.InvariantCulture,
                $"Unexpected character in the JSON body while reading {target} at [line:{(json.LineNumber ?? 0) + 1}, column:{(json.BytePositionInLine ?? 0) + 1}]"));
        }
    }

    public static MalformedBodyException Unexpected(JsonNode? node, string target) =>
        new($"Cannot deserialize instance of {target} from {Token(node)} value {Abbreviate(node)} or request may be missing a required field at [line:1, column:1]");

    /// <summary>A boolean member such as <c>allOrNone</c>; absent means false.</summary>
    public static bool Flag(JsonObject body, string name) => body[name] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && bool.TryParse(value.GetValue<string>(), out var parsed) => parsed,
        var other => throw Unexpected(other, "boolean"),
    };

    /// <summary>A string member, or null when absent; other kinds are a parser error.</summary>
    public static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw Unexpected(other, "string"),
    };

    private static string Token(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Array => "START_ARRAY",
        JsonValueKind.Object => "START_OBJECT",
        JsonValueKind.String => "VALUE_STRING",
        JsonValueKind.Number => "VALUE_NUMBER_INT",
        JsonValueKind.True => "VALUE_TRUE",
        JsonValueKind.False => "VALUE_FALSE",
        _ => "VALUE_NULL",
    };

    private static string Abbreviate(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
