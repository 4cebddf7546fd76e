using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Webhooks;

/// <summary>How one vendor delivers webhooks: batching, envelope, signature and retry schedule.</summary>
public interface IWebhookProtocol
{
    /// <summary>Events per HTTP request (HubSpot up to 100; Outreach and Clay one).</summary>
    int MaxEventsPerMessage { get; }

    WebhookRetryPolicy RetryPolicy { get; }

    string ContentType { get; }

    /// <summary>The request body for these (possibly drifted) event objects on the given attempt (0 for the first).</summary>
    JsonNode Envelope(IReadOnlyList<JsonObject> events, int attempt, DateTimeOffset now);

    /// <summary>Adds the vendor's signature and delivery headers for the exact body bytes being sent.</summary>
    void Sign(HttpRequestMessage request, byte[] body, WebhookSubscription subscription, DateTimeOffset now);
}
