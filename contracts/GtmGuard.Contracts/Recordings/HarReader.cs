using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Contracts.Recordings;

/// <summary>
/// Reads a HAR 1.2 file (<c>log.entries[]</c>, as browsers and proxies export them). An entry whose request carries a
/// vendor's webhook signature header, or every entry when <c>webhookVendor</c> is given, is a webhook delivery.
/// A file that isn't HAR, or has no entries, raises <see cref="RecordingException"/>.
/// </summary>
public static class HarReader
{
    public static Recording Read(string path, string? vendor = null, string? webhookVendor = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new RecordingException($"{path}: not a readable HAR file: {ex.Message}", ex);
        }

        if ((root as JsonObject)?["log"]?["entries"] is not JsonArray entries)
        {
            throw new RecordingException($"{path}: not a HAR file (no log.entries array).");
        }

        if (entries.Count == 0)
        {
            throw new RecordingException($"{path}: the HAR file has no entries; nothing to check.");
        }

        var name = Path.GetFileName(path);
        var exchanges = new List<RecordedExchange>();
        var problems = new List<Findings.Finding>();
        for (var i = 0; i < entries.Count; i++)
        {
            var source = $"{name}#{i}";
            if (entries[i]?["request"] is not JsonObject request || entries[i]?["response"] is not JsonObject response
                || Text(request["method"]) is not { } method || Text(request["url"]) is not { } url)
            {
                problems.Add(Recording.Unreadable(source, $"{source}: entry has no request method/url or no response."));
                continue;
            }

            var requestHeaders = Headers(request["headers"]);
            var responseHeaders = Headers(response["headers"]);
            var detected = webhookVendor ?? WebhookHeaders.VendorOf(requestHeaders);
            var requestBody = Text(request["postData"]?["text"]);
            var requestType = Text(request["postData"]?["mimeType"]) ?? requestHeaders.GetValueOrDefault("Content-Type");
            if (detected is not null)
            {
                exchanges.Add(new RecordedExchange
                {
                    Source = source,
                    Vendor = detected,
                    Method = method.ToUpperInvariant(),
                    Url = url,
                    IsWebhook = true,
                    RequestBody = requestBody,
                    RequestContentType = requestType,
                    Headers = requestHeaders,
                });
                continue;
            }

            exchanges.Add(new RecordedExchange
            {
                Source = source,
                Vendor = vendor,
                Method = method.ToUpperInvariant(),
                Url = url,
                Status = response["status"] is JsonValue s && s.TryGetValue<int>(out var status) ? status : 0,
                RequestBody = requestBody,
                RequestContentType = requestType,
                ResponseBody = Content(response["content"]),
                ResponseBodyOmitted = response["content"]?["text"] is null && response["content"]?["size"] is JsonValue size && size.TryGetValue<long>(out var bytes) && bytes > 0,
                ResponseContentType = Text(response["content"]?["mimeType"]) ?? responseHeaders.GetValueOrDefault("Content-Type"),
                Headers = responseHeaders,
            });
        }

        return new Recording(exchanges, problems);
    }

    private static string? Content(JsonNode? content)
    {
        var text = Text(content?["text"]);
        if (text is not null && string.Equals(Text(content?["encoding"]), "base64", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(text));
            }
            catch (FormatException)
            {
                return text;
            }
        }

        return text is { Length: 0 } ? null : text;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : node is JsonValue number && number.TryGetValue<long>(out var n) ? n.ToString(CultureInfo.InvariantCulture)
        : null;

    private static Dictionary<string, string> Headers(JsonNode? node)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in node as JsonArray ?? [])
        {
            if (Text(header?["name"]) is { } name)
            {
                headers[name] = Text(header?["value"]) ?? string.Empty;
            }
        }

        return headers;
    }
}
