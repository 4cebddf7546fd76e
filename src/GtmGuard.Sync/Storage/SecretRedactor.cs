using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// Strips credentials from requests and responses before they are logged or dead-lettered: auth headers, API keys,
/// OAuth tokens and client secrets, webhook signatures, in headers, query strings, form bodies and JSON bodies.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    // Compared after lower-casing and dropping '-', '_' and '.', so "Client-Secret", "client_secret" and "clientSecret" all match.
    private static readonly FrozenSet<string> SecretNames = FrozenSet.Create(
        StringComparer.Ordinal,
        "authorization", "proxyauthorization", "cookie", "setcookie", "clayapikey", "xclaywebhookauth", "hapikey", "apikey", "xapikey",
        "assertion", "password", "clientsecret", "refreshtoken", "accesstoken", "idtoken", "token", "secret", "signature", "privatekey");

    private static readonly string[] SecretFragments = ["token", "secret", "signature", "password", "apikey", "authorization", "webhookauth"];

    /// <summary>Whether a header, field or parameter of this name carries a credential.</summary>
    public static bool IsSecretName(string name)
    {
        var normalized = Normalize(name);
        return SecretNames.Contains(normalized) || SecretFragments.Any(f => normalized.Contains(f, StringComparison.Ordinal));
    }

    public static RecordedRequest Redact(RecordedRequest request) =>
        request with { Url = RedactUrl(request.Url), Headers = RedactHeaders(request.Headers), Body = RedactBody(request.Body, ContentType(request.Headers)) };

    public static RecordedResponse Redact(RecordedResponse response) =>
        response with { Headers = RedactHeaders(response.Headers), Body = RedactBody(response.Body, ContentType(response.Headers)) };

    /// <summary>A copy of the headers with credential values masked and bearer tokens removed from any other value.</summary>
    public static IReadOnlyDictionary<string, string> RedactHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var redacted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            redacted[name] = IsSecretName(name) ? Mask : ScrubText(value);
        }

        return redacted;
    }

    /// <summary>Masks credential query parameters (<c>hapikey</c>, <c>access_token</c>…) in a URL.</summary>
    public static string RedactUrl(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return url;
        }

        var fragment = url.IndexOf('#', query);
        var end = fragment < 0 ? url.Length : fragment;
        return url[..(query + 1)] + RedactForm(url[(query + 1)..end], maskCode: true) + url[end..];
    }

    /// <summary>Masks credentials in a JSON or form body; any other text only loses bearer tokens and <c>name=value</c> secrets.</summary>
    public static string? RedactBody(string? body, string? contentType = null)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type == "application/x-www-form-urlencoded")
        {
            return RedactForm(body, maskCode: true);
        }

        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('[') || (type is not null && type.Contains("json", StringComparison.Ordinal)))
        {
            try
            {
                return RedactJson(JsonNode.Parse(body))?.ToJsonString() ?? body;
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                // Not JSON, or JSON that JsonNode refuses though JsonDocument took it (a repeated name, a lone
                // surrogate): scrub it as text rather than fail the dead letter that is recording it.
                return ScrubText(body);
            }
        }

        return LooksLikeForm(body) ? RedactForm(body, maskCode: true) : ScrubText(body);
    }

    private static JsonNode? RedactJson(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    obj[name] = IsSecretName(name) && obj[name] is not (JsonObject or JsonArray) ? JsonValue.Create(Mask) : RedactJson(obj[name]?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = RedactJson(array[i]?.DeepClone());
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var scrubbed = ScrubText(text);
                return ReferenceEquals(text, scrubbed) || text == scrubbed ? value : JsonValue.Create(scrubbed);
            default:
                return node;
        }
    }

    private static string RedactForm(string form, bool maskCode)
    {
        var builder = new StringBuilder(form.Length);
        foreach (var pair in form.Split('&'))
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var decoded = Uri.UnescapeDataString(name.Replace('+', ' '));
            // An OAuth authorization code is a credential in a form body, but "code" is an ordinary field elsewhere.
            var secret = IsSecretName(decoded) || (maskCode && Normalize(decoded) == "code");
            builder.Append(equals < 0 || !secret ? ScrubText(pair) : name + "=" + Uri.EscapeDataString(Mask));
        }

        return builder.ToString();
    }

    private static bool LooksLikeForm(string body) => FormPattern().IsMatch(body);

    /// <summary>Removes bearer/basic credentials and <c>secret=value</c> or <c>"secret": "value"</c> pairs from free text.</summary>
    private static string ScrubText(string text)
    {
        var scrubbed = CredentialPattern().Replace(text, m => m.Groups["scheme"].Value + " " + Mask);
        scrubbed = NamedSecretPattern().Replace(scrubbed, m => m.Groups["prefix"].Value + Mask);
        return scrubbed;
    }

    private static string? ContentType(IReadOnlyDictionary<string, string> headers) =>
        headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;

    private static string Normalize(string name) =>
        name.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9_.\-~%+]+=[^&\s]*(&[A-Za-z0-9_.\-~%+]+=[^&\s]*)*$")]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic))\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialPattern();

    [GeneratedRegex(
        @"(?<prefix>""?\b(?:access_token|refresh_token|id_token|client_secret|api_key|apikey|hapikey|password|assertion|secret|token)""?\s*[:=]\s*""?)[^""&\s,}]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex NamedSecretPattern();
}
