using System.Collections.Frozen;
using System.Text.Json;
using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// HubSpot deliveries: a JSON array of events, each with <c>eventId</c>, <c>objectId</c>, <c>occurredAt</c> (Unix ms) and
/// <c>subscriptionType</c>. HubSpot says eventId is not guaranteed unique, so the inbox id is scoped by subscription.
/// </summary>
internal sealed class HubSpotWebhookSource : IWebhookSource
{
    // Generic object.* subscriptions name the object by type id; map the standard ones to the legacy names.
    private static readonly FrozenDictionary<string, string> ObjectTypeNames = new Dictionary<string, string>
    {
        ["0-1"] = "contact", ["0-2"] = "company", ["0-3"] = "deal", ["0-5"] = "ticket", ["0-7"] = "product", ["0-8"] = "line_item",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly HubSpotSignatureVerifier? _verifier;

    public HubSpotWebhookSource(IOptions<WebhookIntakeOptions> options)
    {
        var intake = options.Value;
        Enabled = intake.HubSpot.Enabled;
        if (Enabled)
        {
            var secret = new SecretReference($"{WebhookIntakeOptions.Section}:HubSpot:ClientSecret", intake.HubSpot.ClientSecretEnv, intake.HubSpot.ClientSecretFile);
            _verifier = new HubSpotSignatureVerifier(secret.ReadForStartup(WebhookIntakeOptionsValidator.DisableHint), intake.HubSpot, intake.PublicBaseUrl);
        }
    }

    public VendorId Vendor => VendorId.HubSpot;

    public bool Enabled { get; }

    public string? Verify(HttpRequest request, byte[] body, DateTimeOffset now) => _verifier!.Verify(request, body, now);

    public WebhookParseResult Parse(HttpRequest request, byte[] body, DateTimeOffset receivedAt)
    {
        using var document = JsonDocument.Parse(body, WebhookJson.Options);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return WebhookParseResult.Malformed("HubSpot deliveries are a JSON array of events.");
        }

        var events = new List<IncomingEvent>(document.RootElement.GetArrayLength());
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (Event(element) is { } problem)
            {
                return WebhookParseResult.Malformed($"event [{index}]: {problem}");
            }

            index++;
        }

        return WebhookParseResult.Ok(events);

        string? Event(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return "is not an object";
            }

            var eventId = WebhookJson.Id(element, "eventId");
            var objectId = WebhookJson.Id(element, "objectId") ?? WebhookJson.Id(element, "primaryObjectId") ?? WebhookJson.Id(element, "fromObjectId");
            var occurredAt = element.TryGetProperty("occurredAt", out var time) ? WebhookJson.Time(time) : null;
            var type = WebhookJson.String(element, "subscriptionType") ?? WebhookJson.String(element, "eventType");
            if (eventId is null || objectId is null || occurredAt is null || type is null)
            {
                return "needs eventId, objectId, occurredAt (Unix milliseconds) and subscriptionType";
            }

            var subscriptionId = WebhookJson.Id(element, "subscriptionId");
            events.Add(new IncomingEvent(
                VendorId.HubSpot,
                subscriptionId is null ? eventId : $"{subscriptionId}:{eventId}",
                $"{ObjectName(type, element)}:{objectId}",
                type,
                occurredAt.Value,
                element.GetRawText()));
            return null;
        }
    }

    private static string ObjectName(string subscriptionType, JsonElement element)
    {
        var name = subscriptionType.Split('.')[0];
        if (name != "object")
        {
            return name;
        }

        var typeId = WebhookJson.Id(element, "objectTypeId") ?? "object";
        return ObjectTypeNames.TryGetValue(typeId, out var known) ? known : typeId;
    }
}
