using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Webhooks;
using WireMock;

namespace GtmGuard.Simulators.Control;

/// <summary>
/// Control endpoints for outbound webhooks: subscriptions (for vendors without their own subscription API, such as
/// HubSpot app subscriptions) and the delivery log.
/// </summary>
internal static class WebhookControlApi
{
    public static void Map(VendorSimulator simulator)
    {
        if (simulator.Webhooks is not { } webhooks)
        {
            return;
        }

        ControlApi.Map(simulator, "GET", "/webhooks/subscriptions", _ => ControlResponse.Ok(webhooks.Subscriptions.Select(View)));
        ControlApi.Map(simulator, "POST", "/webhooks/subscriptions", request => Subscribe(simulator, webhooks, request));
        ControlApi.Map(simulator, "DELETE", "/webhooks/subscriptions/(?<id>[^/]+)", request =>
        {
            var id = Uri.UnescapeDataString(request.AbsolutePath.TrimEnd('/').Split('/')[^1]);
            return webhooks.Unsubscribe(id) ? ControlResponse.Ok(new { deleted = id }) : ControlResponse.Error(404, $"No subscription '{id}'.");
        });
        ControlApi.Map(simulator, "GET", "/webhooks/pending", _ => ControlResponse.Ok(new { pending = webhooks.Pending }));
        ControlApi.Map(simulator, "GET", "/webhooks/deliveries", _ => ControlResponse.Ok(new { pending = webhooks.Pending, attempts = webhooks.Log.Snapshot() }));
    }

    private static ControlResponse Subscribe(VendorSimulator simulator, WebhookDispatcher webhooks, IRequestMessage request)
    {
        if (JsonNode.Parse(string.IsNullOrWhiteSpace(request.Body) ? "null" : request.Body) is not JsonObject body)
        {
            return ControlResponse.Error(400, "Send {\"targetUrl\": \"http://127.0.0.1:…\", \"eventTypes\": [\"contact.creation\", …], \"secret\"?: \"…\"}.");
        }

        var target = body["targetUrl"]?.GetValue<string>();
        if (target is null || !Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            return ControlResponse.Error(400, "targetUrl must be an absolute URL.");
        }

        var types = body["eventTypes"] is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : ["*"];
        var secret = body["secret"]?.GetValue<string>() ?? simulator.DefaultWebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return ControlResponse.Error(400, "secret is required for this vendor.");
        }

        var id = body["id"]?.GetValue<string>() ?? webhooks.NextSubscriptionId(simulator.Name);
        try
        {
            return ControlResponse.Status(201, View(webhooks.Subscribe(new WebhookSubscription(id, uri, secret, types))));
        }
        catch (ArgumentException ex)
        {
            return ControlResponse.Error(400, ex.Message);
        }
    }

    private static object View(WebhookSubscription subscription) => new
    {
        id = subscription.Id,
        targetUrl = subscription.Target.ToString(),
        eventTypes = subscription.EventTypes.Order(StringComparer.Ordinal),
        rateLimit = subscription.RateLimit is { } limit ? new { requests = limit.Requests, perMilliseconds = limit.Per.TotalMilliseconds } : null,
    };
}
