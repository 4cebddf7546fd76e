using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// Publishes Outreach webhook events (<c>prospect.updated</c>, <c>mailing.replied</c>…) to the dispatcher, one payload
/// per event: <c>{"data":{"type","id","attributes","relationships"},"meta":{"eventName"}}</c>; the protocol adds
/// <c>meta.deliveredAt</c> when it sends.
/// </summary>
internal sealed class OutreachEvents
{
    private readonly WebhookDispatcher _dispatcher;
    private readonly Func<string> _baseUrl;
    private readonly TimeProvider _clock;
    private long _sequence;

    public OutreachEvents(WebhookDispatcher dispatcher, Func<string> baseUrl, TimeProvider clock)
    {
        _dispatcher = dispatcher;
        _baseUrl = baseUrl;
        _clock = clock;
    }

    /// <summary>
    /// Publishes one event and returns its name. Created events carry the attributes that are set, updated ones the changed
    /// attributes, destroyed ones the last known attributes.
    /// </summary>
    public string Publish(IOutreachResource resource, string action, JsonObject attributes)
    {
        var eventName = resource.Type + "." + action;
        var relationships = new JsonObject();
        foreach (var (name, link) in resource.Relationships(_baseUrl()))
        {
            // Webhook payloads carry resource identifiers only, not related-collection links.
            if (link is JsonObject linkObject && linkObject.ContainsKey("data"))
            {
                relationships[name] = link.DeepClone();
            }
        }

        var payload = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = resource.Type,
                ["id"] = resource.Id,
                ["attributes"] = attributes,
                ["relationships"] = relationships,
            },
            ["meta"] = new JsonObject { ["eventName"] = eventName },
        };
        var id = "outreach-event-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var key = resource.Type + ":" + resource.Id.ToString(CultureInfo.InvariantCulture);
        _dispatcher.Publish(new WebhookEvent(id, key, eventName, _clock.GetUtcNow(), payload));
        return eventName;
    }

    /// <summary>The attributes of <paramref name="resource"/> that are set (not null, not empty arrays), for created events.</summary>
    public static JsonObject SetAttributes(IOutreachResource resource)
    {
        var set = new JsonObject();
        foreach (var (name, value) in resource.Attributes())
        {
            if (value is not null && value is not JsonArray { Count: 0 })
            {
                set[name] = value.DeepClone();
            }
        }

        return set;
    }

    /// <summary>The attributes whose value differs between two renderings of the same resource.</summary>
    public static JsonObject Changed(JsonObject before, JsonObject after)
    {
        var changed = new JsonObject();
        foreach (var (name, value) in after)
        {
            if (!JsonNode.DeepEquals(before[name], value))
            {
                changed[name] = value?.DeepClone();
            }
        }

        return changed;
    }
}
