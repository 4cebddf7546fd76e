using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// A JSON:API request document, <c>{"data":{"type","id"?,"attributes","relationships"}}</c>, checked for media type,
/// shape and resource type before any handler looks at it.
/// </summary>
internal sealed class OutreachDocument
{
    private OutreachDocument(long? id, JsonObject attributes, IReadOnlyDictionary<string, OutreachLink?> relationships)
    {
        Id = id;
        Attributes = attributes;
        Relationships = relationships;
    }

    public long? Id { get; }

    public JsonObject Attributes { get; }

    /// <summary>To-one relationships by name; a null value means <c>"data": null</c>.</summary>
    public IReadOnlyDictionary<string, OutreachLink?> Relationships { get; }

    /// <summary>Reads the body as a document of <paramref name="type"/>; on failure returns the JSON:API error to send.</summary>
    public static SimResponse? TryRead(SimRequest request, string type, out OutreachDocument document)
    {
        document = null!;
        if (!OutreachHeaders.IsJsonApi(request.ContentType))
        {
            return OutreachErrors.UnsupportedMediaType();
        }

        if (request.Json() is not JsonObject body || body["data"] is not JsonObject data)
        {
            return OutreachErrors.BadRequest("The request body must be a JSON:API document with a 'data' object.");
        }

        if (data["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var actualType) || actualType != type)
        {
            return OutreachErrors.Validation($"Type must be '{type}'.", "/data/type");
        }

        long? id = null;
        if (data["id"] is { } idNode)
        {
            if (ReadId(idNode) is not { } parsed)
            {
                return OutreachErrors.Validation("Id must be an integer.", "/data/id");
            }

            id = parsed;
        }

        var attributes = data["attributes"] switch
        {
            null => new JsonObject(),
            JsonObject given => given,
            _ => null,
        };
        if (attributes is null)
        {
            return OutreachErrors.BadRequest("'data.attributes' must be an object.");
        }

        if (ReadRelationships(data["relationships"], out var relationships) is { } relationshipError)
        {
            return relationshipError;
        }

        document = new OutreachDocument(id, attributes, relationships);
        return null;
    }

    /// <summary>Refuses relationships the type does not accept, and identifiers of the wrong type; <paramref name="allowed"/> maps name → target type.</summary>
    public SimResponse? CheckRelationships(string type, IReadOnlyDictionary<string, string> allowed)
    {
        foreach (var (name, link) in Relationships)
        {
            var pointer = $"/data/relationships/{name}";
            if (!allowed.TryGetValue(name, out var target))
            {
                return OutreachErrors.Validation($"Unknown relationship '{name}' for type '{type}'.", pointer);
            }

            if (link is { } given && given.Type != target)
            {
                return OutreachErrors.Validation($"Relationship '{name}' must reference a '{target}', not a '{given.Type}'.", pointer);
            }
        }

        return null;
    }

    /// <summary>An integer id given as a JSON number or a numeric string.</summary>
    public static long? ReadId(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<long>(out var number) && number > 0 => number,
            JsonValueKind.String when long.TryParse(value.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 => parsed,
            _ => null,
        };
    }

    private static SimResponse? ReadRelationships(JsonNode? node, out Dictionary<string, OutreachLink?> relationships)
    {
        relationships = new Dictionary<string, OutreachLink?>(StringComparer.Ordinal);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject links)
        {
            return OutreachErrors.BadRequest("'data.relationships' must be an object.");
        }

        foreach (var (name, link) in links)
        {
            var pointer = $"/data/relationships/{name}";
            if (link is not JsonObject linkObject || !linkObject.TryGetPropertyValue("data", out var target))
            {
                return OutreachErrors.Validation($"Relationship '{name}' must be an object with a 'data' member.", pointer);
            }

            if (target is null)
            {
                relationships[name] = null;
                continue;
            }

            if (target is not JsonObject identifier
                || identifier["type"] is not JsonValue typeValue
                || !typeValue.TryGetValue<string>(out var type)
                || ReadId(identifier["id"]) is not { } id)
            {
                return OutreachErrors.Validation($"Relationship '{name}' needs a resource identifier with a type and an integer id.", pointer);
            }

            relationships[name] = new OutreachLink(type, id);
        }

        return null;
    }
}

/// <summary>A JSON:API resource identifier: <c>{"type":"sequence","id":1}</c>.</summary>
internal readonly record struct OutreachLink(string Type, long Id);
