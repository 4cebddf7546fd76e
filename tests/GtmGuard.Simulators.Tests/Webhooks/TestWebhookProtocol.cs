using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Tests.Webhooks;

/// <summary>A minimal protocol: arrays of up to three events, an HMAC header, retries 1 min / 5 min on any failure.</summary>
internal sealed class TestWebhookProtocol : IWebhookProtocol
{
    public int MaxEventsPerMessage => 3;

    public WebhookRetryPolicy RetryPolicy { get; init; } = new([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)], RetryOnHttpError: true, Timeout: TimeSpan.FromSeconds(5));

    public string ContentType => "application/json";

    public JsonNode Envelope(IReadOnlyList<JsonObject> events, int attempt, DateTimeOffset now)
    {
        var array = new JsonArray();
        foreach (var @event in events)
        {
            @event["attempt"] = attempt;
            array.Add(@event);
        }

        return array;
    }

    public void Sign(HttpRequestMessage request, byte[] body, WebhookSubscription subscription, DateTimeOffset now) =>
        request.Headers.TryAddWithoutValidation("X-Test-Signature", Signature(subscription.Secret, body));

    public static string Signature(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
