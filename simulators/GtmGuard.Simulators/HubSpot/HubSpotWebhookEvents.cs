using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// Turns store changes into HubSpot webhook events, one per matching subscription (HubSpot stamps each event with
/// the subscription that produced it). Subscription event types: <c>contact.creation</c>, <c>contact.deletion</c>,
/// <c>contact.propertyChange</c> (every property) or <c>contact.propertyChange:lead_score</c> (one property); company.* likewise.
/// </summary>
internal sealed class HubSpotWebhookEvents
{
    private readonly WebhookDispatcher _dispatcher;
    private readonly HubSpotOptions _options;
    private readonly ConcurrentDictionary<string, long> _subscriptionNumbers = new(StringComparer.Ordinal);
    private long _eventSequence = 100_000;
    private long _subscriptionSequence;

    public HubSpotWebhookEvents(WebhookDispatcher dispatcher, HubSpotOptions options)
    {
        _dispatcher = dispatcher;
        _options = options;
    }

    public void Watch(HubSpotObjectStore store)
    {
        var singular = store.Type.Name == "companies" ? "company" : "contact";
        store.Changed = change => Publish(singular, change);
    }

    private void Publish(string objectName, HubSpotChange change)
    {
        var type = change.Kind switch
        {
            HubSpotChangeKind.Created => $"{objectName}.creation",
            HubSpotChangeKind.Archived => $"{objectName}.deletion",
            _ => $"{objectName}.propertyChange",
        };
        foreach (var subscription in _dispatcher.Subscriptions)
        {
            if (!Matches(subscription, type, change.Property))
            {
                continue;
            }

            var eventId = Interlocked.Increment(ref _eventSequence);
            var payload = new JsonObject
            {
                ["eventId"] = eventId,
                ["subscriptionId"] = _subscriptionNumbers.GetOrAdd(subscription.Id, _ => Interlocked.Increment(ref _subscriptionSequence)),
                ["portalId"] = _options.PortalId,
                ["appId"] = _options.AppId,
                ["occurredAt"] = change.At.ToUnixTimeMilliseconds(),
                ["subscriptionType"] = type,
                ["attemptNumber"] = 0,
                ["objectId"] = long.Parse(change.Record.Id, CultureInfo.InvariantCulture),
                ["changeSource"] = "API",
            };
            if (change.Kind == HubSpotChangeKind.Created)
            {
                payload["changeFlag"] = "NEW";
            }
            else if (change.Kind == HubSpotChangeKind.PropertyChanged)
            {
                payload["propertyName"] = change.Property;
                payload["propertyValue"] = change.Value;
            }

            _dispatcher.Publish(new WebhookEvent(eventId.ToString(CultureInfo.InvariantCulture), change.Record.Id, type, change.At, payload) { SubscriptionId = subscription.Id });
        }
    }

    private static bool Matches(WebhookSubscription subscription, string type, string? property) =>
        subscription.EventTypes.Contains("*")
        || subscription.EventTypes.Contains(type)
        || (property is not null && subscription.EventTypes.Contains($"{type}:{property}"));
}
