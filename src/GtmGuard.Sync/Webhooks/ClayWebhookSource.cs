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
/// Clay callbacks: one enriched row (a JSON object) per request from an HTTP API column, authenticated by a shared token
/// in a header we configure. Clay documents no event id or event time: the id is the body's hash, the record and the time
/// come from configured fields (the time falls back to arrival).
/// </summary>
internal sealed class ClayWebhookSource : IWebhookSource
{
    private readonly ClayIntakeOptions _options;
    private readonly byte[]? _tokenHash;

    public ClayWebhookSource(IOptions<WebhookIntakeOptions> options)
    {
        _options = options.Value.Clay;
        Enabled = _options.Enabled;
        if (Enabled)
        {
            var token = new SecretReference($"{WebhookIntakeOptions.Section}:Clay:Token", _options.TokenEnv, _options.TokenFile);
            _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token.ReadForStartup(WebhookIntakeOptionsValidator.DisableHint)));
        }
    }

    public VendorId Vendor => VendorId.Clay;

    public bool Enabled { get; }

    public string? Verify(HttpRequest request, byte[] body, DateTimeOffset now)
    {
        var token = request.Headers[_options.TokenHeader].ToString();
        if (token.Length == 0)
        {
            return $"missing {_options.TokenHeader}";
        }

        // Hashing first makes the comparison constant-time in the token's length too.
        return CryptographicOperations.FixedTimeEquals(_tokenHash, SHA256.HashData(Encoding.UTF8.GetBytes(token))) ? null : "token does not match";
    }

    public WebhookParseResult Parse(HttpRequest request, byte[] body, DateTimeOffset receivedAt)
    {
        using var document = JsonDocument.Parse(body, WebhookJson.Options);
        var row = document.RootElement;
        if (row.ValueKind != JsonValueKind.Object)
        {
            return WebhookParseResult.Malformed("Clay callbacks are one JSON object (a row) per request.");
        }

        var occurredAt = receivedAt;
        if (_options.EventTimeField is { Length: > 0 } timeField && row.TryGetProperty(timeField, out var time))
        {
            if (WebhookJson.Time(time) is not { } parsed)
            {
                return WebhookParseResult.Malformed($"'{timeField}' must be an ISO 8601 time or Unix milliseconds.");
            }

            occurredAt = parsed;
        }

        // A row id names the record, not the event: the same row comes back after every re-enrichment. Retries resend the
        // same bytes, so the body's hash tells a copy from a new version.
        var eventId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        var recordKey = First(row, _options.RecordKeyFieldsOrDefault) is { } key
            ? $"{key.Field}:{(key.Field.Contains("email", StringComparison.OrdinalIgnoreCase) ? key.Value.ToLowerInvariant() : key.Value)}"
            : eventId;
        return WebhookParseResult.Ok([new IncomingEvent(VendorId.Clay, eventId, recordKey, "row.callback", occurredAt, row.GetRawText())]);
    }

    private static (string Field, string Value)? First(JsonElement row, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (WebhookJson.Id(row, field) is { } value)
            {
                return (field, value);
            }
        }

        return null;
    }
}
