using System.Text.Json.Nodes;

namespace GtmGuard.Contracts.Snapshots;

/// <summary>
/// How to tell which webhook a delivery is, from <c>x-gtmguard-webhook-name</c> at the snapshot's root:
/// <c>{"field": "meta.eventName"}</c> reads a dotted field of the body; with <c>"perItem": true</c> the body is an
/// array and each element is its own event (HubSpot's <c>subscriptionType</c>).
/// </summary>
internal sealed record WebhookNaming(string[] Field, bool PerItem)
{
    public static WebhookNaming? From(JsonNode? node)
    {
        if (node is not JsonObject config || config["field"]?.GetValue<string>() is not { Length: > 0 } field)
        {
            return null;
        }

        return new WebhookNaming(field.Split('.'), config["perItem"]?.GetValue<bool>() ?? false);
    }

    public string? NameOf(Newtonsoft.Json.Linq.JToken? payload)
    {
        var current = payload;
        foreach (var segment in Field)
        {
            current = current is Newtonsoft.Json.Linq.JObject obj ? obj[segment] : null;
        }

        return current is Newtonsoft.Json.Linq.JValue { Type: Newtonsoft.Json.Linq.JTokenType.String } value ? (string?)value.Value : null;
    }
}
