using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Contracts.Recordings;

/// <summary>
/// Reads a folder of JSON captures (see contracts/README.md). Each <c>*.json</c> file holds one capture or an array:
/// an API exchange <c>{vendor?, method, url, status, requestBody?, responseBody?, headers?}</c> or a webhook delivery
/// <c>{vendor, webhook, body, headers?}</c>. Raw, non-JSON bodies go in <c>requestText</c>/<c>responseText</c>/<c>bodyText</c>.
/// A file that isn't a valid capture becomes a finding naming it; the rest are still read.
/// </summary>
public static class CaptureFolderReader
{
    public static Recording Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new RecordingException($"{folder}: no such capture folder.");
        }

        var exchanges = new List<RecordedExchange>();
        var problems = new List<Findings.Finding>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file);
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                problems.Add(Recording.Unreadable(name, $"{name} is not a readable JSON capture: {ex.Message}"));
                continue;
            }

            var items = root is JsonArray array ? array.ToList() : [root];
            for (var i = 0; i < items.Count; i++)
            {
                var source = items.Count == 1 ? name : $"{name}#{i}";
                if (TryRead(items[i], source, out var exchange, out var problem))
                {
                    exchanges.Add(exchange);
                }
                else
                {
                    problems.Add(Recording.Unreadable(source, $"{source}: {problem}"));
                }
            }
        }

        return new Recording(exchanges, problems);
    }

    /// <summary>Reads one capture object; on failure says what is missing.</summary>
    public static bool TryRead(JsonNode? node, string source, out RecordedExchange exchange, out string problem)
    {
        exchange = null!;
        problem = string.Empty;
        if (node is not JsonObject capture)
        {
            problem = "a capture must be a JSON object.";
            return false;
        }

        var vendor = Text(capture["vendor"])?.ToLowerInvariant();
        var headers = Headers(capture["headers"]);
        if (capture.ContainsKey("webhook"))
        {
            if (vendor is null)
            {
                problem = "a webhook capture needs \"vendor\".";
                return false;
            }

            exchange = new RecordedExchange
            {
                Source = source,
                Vendor = vendor,
                Method = "POST",
                IsWebhook = true,
                WebhookName = Text(capture["webhook"]) is { Length: > 0 } named ? named : null,
                RequestBody = Body(capture, "body", "bodyText"),
                RequestContentType = Text(capture["contentType"]) ?? "application/json",
                Headers = headers,
            };
            return true;
        }

        if (Text(capture["method"]) is not { Length: > 0 } method || Text(capture["url"]) is not { Length: > 0 } url || Status(capture["status"]) is not { } status)
        {
            problem = "an API capture needs \"method\", \"url\" and a numeric \"status\" (a webhook capture needs \"webhook\").";
            return false;
        }

        exchange = new RecordedExchange
        {
            Source = source,
            Vendor = vendor,
            Method = method.ToUpperInvariant(),
            Url = url,
            Status = status,
            RequestBody = Body(capture, "requestBody", "requestText"),
            RequestContentType = Text(capture["requestContentType"]) ?? (capture.ContainsKey("requestBody") ? "application/json" : null),
            ResponseBody = Body(capture, "responseBody", "responseText"),
            ResponseContentType = Text(capture["responseContentType"])
                ?? headers.GetValueOrDefault("Content-Type")
                ?? (capture.ContainsKey("responseBody") ? "application/json" : null),
            Headers = headers,
        };
        return true;
    }

    private static string? Body(JsonObject capture, string jsonName, string textName) =>
        capture.TryGetPropertyValue(jsonName, out var json) ? (json?.ToJsonString() ?? "null")
        : Text(capture[textName]);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Status(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static Dictionary<string, string> Headers(JsonNode? node)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node is JsonObject map)
        {
            foreach (var (name, value) in map)
            {
                headers[name] = value switch
                {
                    JsonArray list => string.Join(", ", list.Select(v => v?.ToString())),
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    _ => value?.ToJsonString() ?? string.Empty,
                };
            }
        }

        return headers;
    }
}
