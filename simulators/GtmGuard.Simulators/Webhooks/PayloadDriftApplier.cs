using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Chaos;

namespace GtmGuard.Simulators.Webhooks;

/// <summary>Applies chaos payload drift to an event object: a dotted field renamed, retyped or removed.</summary>
internal static class PayloadDriftApplier
{
    public static void Apply(JsonObject @event, PayloadDrift drift)
    {
        var path = drift.Field.Split('.');
        var parent = @event;
        foreach (var segment in path[..^1])
        {
            if (parent[segment] is not JsonObject child)
            {
                return;
            }

            parent = child;
        }

        var name = path[^1];
        if (!parent.TryGetPropertyValue(name, out var value))
        {
            return;
        }

        if (drift.Remove)
        {
            parent.Remove(name);
            return;
        }

        if (drift.RetypeTo is { } type)
        {
            value = Retype(value, type);
            parent[name] = value;
        }

        if (drift.RenameTo is { } newName && newName != name)
        {
            parent.Remove(name);
            parent[newName] = value;
        }
    }

    private static JsonNode? Retype(JsonNode? value, string type)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
        return type switch
        {
            "string" => JsonValue.Create(text),
            "number" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(0),
            "boolean" => JsonValue.Create(text is "true" or "1"),
            "array" => new JsonArray(value?.DeepClone()),
            _ => value?.DeepClone(),
        };
    }
}
