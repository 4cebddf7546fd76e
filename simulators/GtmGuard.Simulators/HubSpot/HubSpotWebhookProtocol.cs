using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>HubSpot deliveries: JSON arrays of up to 100 events with <c>attemptNumber</c>, signed v1 and v3, retried 10 times over 24 h.</summary>
internal sealed class HubSpotWebhookProtocol : IWebhookProtocol
{
    public const string SignatureHeader = "X-HubSpot-Signature";
    public const string SignatureVersionHeader = "X-HubSpot-Signature-Version";
    public const string SignatureV3Header = "X-HubSpot-Signature-v3";
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    public int MaxEventsPerMessage => 100;

    public WebhookRetryPolicy RetryPolicy => WebhookRetryPolicy.HubSpot;

    public string ContentType => "application/json";

    public JsonNode Envelope(IReadOnlyList<JsonObject> events, int attempt, DateTimeOffset now)
    {
        var array = new JsonArray();
        foreach (var @event in events)
        {
            @event["attemptNumber"] = attempt;
            array.Add(@event);
        }

        return array;
    }

    public void Sign(HttpRequestMessage request, byte[] body, WebhookSubscription subscription, DateTimeOffset now)
    {
        var text = Encoding.UTF8.GetString(body);
        var timestamp = now.ToUnixTimeMilliseconds();
        request.Headers.TryAddWithoutValidation(SignatureHeader, HubSpotSignature.V1(subscription.Secret, text));
        request.Headers.TryAddWithoutValidation(SignatureVersionHeader, "v1");
        request.Headers.TryAddWithoutValidation(SignatureV3Header, HubSpotSignature.V3(subscription.Secret, "POST", request.RequestUri!.AbsoluteUri, text, timestamp));
        request.Headers.TryAddWithoutValidation(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-HubSpot-Timeout-Millis", "5000");
        request.Headers.UserAgent.ParseAdd("HubSpot-Connect/2.0");
    }
}
