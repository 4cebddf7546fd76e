using System.Text.Json.Nodes;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// How a table's HTTP API column calls out: one row per POST as plain JSON, with the headers configured on the
/// column, retried on failure on the configured schedule. Clay documents no signature for these calls, so none is sent.
/// </summary>
internal sealed class ClayCallbackProtocol : IWebhookProtocol
{
    private readonly Func<string, IReadOnlyDictionary<string, string>?> _headers;

    public ClayCallbackProtocol(ClayOptions options, Func<string, IReadOnlyDictionary<string, string>?> headers)
    {
        _headers = headers;
        RetryPolicy = new WebhookRetryPolicy(options.EffectiveRetryDelays, RetryOnHttpError: true, Timeout: options.CallbackTimeout);
    }

    public int MaxEventsPerMessage => 1;

    public WebhookRetryPolicy RetryPolicy { get; }

    public string ContentType => "application/json";

    public JsonNode Envelope(IReadOnlyList<JsonObject> events, int attempt, DateTimeOffset now) => events[0];

    public void Sign(HttpRequestMessage request, byte[] body, WebhookSubscription subscription, DateTimeOffset now)
    {
        foreach (var (name, value) in _headers(subscription.Id) ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
