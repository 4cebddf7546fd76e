using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// Outreach deliveries: one JSON:API event <c>{data:{type,id,attributes}, meta:{eventName, deliveredAt}}</c>, signed with
/// <c>Outreach-Webhook-Signature</c> = lowercase hex HMAC-SHA256 of the raw body keyed by the webhook's secret. Event time is
/// the record's <c>attributes.updatedAt</c> (whole seconds) when the event carries it, else <c>meta.deliveredAt</c> (send time).
/// </summary>
internal sealed class OutreachWebhookSource : IWebhookSource
{
    public const string SignatureHeader = "Outreach-Webhook-Signature";

    private readonly byte[]? _secret;

    public OutreachWebhookSource(IOptions<WebhookIntakeOptions> options)
    {
        var outreach = options.Value.Outreach;
        Enabled = outreach.Enabled;
        if (Enabled)
        {
            var secret = new SecretReference($"{WebhookIntakeOptions.Section}:Outreach:Secret", outreach.SecretEnv, outreach.SecretFile);
            _secret = Encoding.UTF8.GetBytes(secret.ReadForStartup(WebhookIntakeOptionsValidator.DisableHint));
        }
    }

    public VendorId Vendor => VendorId.Outreach;

    public bool Enabled { get; }

    public string? Verify(HttpRequest request, byte[] body, DateTimeOffset now)
    {
        var signature = request.Headers[SignatureHeader].ToString();
        if (signature.Length == 0)
        {
            return $"missing {SignatureHeader}";
        }

        return HubSpotSignatureVerifier.Matches(HMACSHA256.HashData(_secret!, body), signature, Convert.FromHexString) ? null : "signature does not match";
    }

    public WebhookParseResult Parse(HttpRequest request, byte[] body, DateTimeOffset receivedAt)
    {
        using var document = JsonDocument.Parse(body, WebhookJson.Options);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            return WebhookParseResult.Malformed("Outreach deliveries are a JSON object with 'data' and 'meta' objects.");
        }

        var type = WebhookJson.String(data, "type");
        var id = WebhookJson.Id(data, "id");
        var eventName = WebhookJson.String(meta, "eventName");
        if (type is null || id is null || eventName is null)
        {
            return WebhookParseResult.Malformed("Outreach deliveries need data.type, data.id and meta.eventName.");
        }

        // The record's own change time orders events best; the delivery time is the fallback (e.g. for destroyed records).
        var updatedAt = data.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty("updatedAt", out var updated)
            ? WebhookJson.Time(updated)
            : null;
        var deliveredAt = meta.TryGetProperty("deliveredAt", out var delivered) ? WebhookJson.Time(delivered) : null;
        if ((updatedAt ?? deliveredAt) is not { } occurredAt)
        {
            return WebhookParseResult.Malformed("Outreach deliveries need data.attributes.updatedAt or meta.deliveredAt as an ISO 8601 time.");
        }

        // Outreach-Webhook-ID and deliveredAt are new on every request, so a retried or duplicated delivery would look new;
        // the event's content (the data block) is what copies share and distinct changes do not.
        var eventId = $"{type}:{id}:{eventName}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data.GetRawText())))[..32]}";
        return WebhookParseResult.Ok([new IncomingEvent(VendorId.Outreach, eventId, $"{type}:{id}", eventName, occurredAt, root.GetRawText())]);
    }
}
