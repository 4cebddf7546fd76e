using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// Outreach deliveries: one event per request, <c>meta.deliveredAt</c> stamped at send time, <c>Outreach-Webhook-Signature</c> =
/// lowercase hex HMAC-SHA256 of the raw body keyed with the webhook secret (omitted when the webhook has none), a fresh
/// <c>Outreach-Webhook-ID</c> UUID per request, network failures retried 3 times at 1-second intervals.
/// </summary>
internal sealed class OutreachWebhookProtocol : IWebhookProtocol
{
    public int MaxEventsPerMessage => 1;

    public WebhookRetryPolicy RetryPolicy => WebhookRetryPolicy.Outreach;

    public string ContentType => OutreachHeaders.JsonApi;

    public JsonNode Envelope(IReadOnlyList<JsonObject> events, int attempt, DateTimeOffset now)
    {
        var @event = events[0];
        var eventName = @event["meta"]?["eventName"]?.GetValue<string>();
        @event["meta"] = new JsonObject { ["deliveredAt"] = OutreachTime.Delivered(now), ["eventName"] = eventName };
        return @event;
    }

    public void Sign(HttpRequestMessage request, byte[] body, WebhookSubscription subscription, DateTimeOffset now)
    {
        if (subscription.Secret.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(OutreachHeaders.WebhookSignature, Signature(subscription.Secret, body));
        }

        request.Headers.TryAddWithoutValidation(OutreachHeaders.WebhookId, Guid.NewGuid().ToString());
    }

    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="body"/> keyed with <paramref name="secret"/>.</summary>
    public static string Signature(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
