using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Contracts.Recordings;

/// <summary>
/// Reads a WireMock request journal (<c>GET /__admin/requests</c>: an array, or <c>{"Requests": [...]}</c>) of a simulator,
/// or of a webhook receiver (<c>webhookVendor</c>: every entry is a delivery from that vendor). Admin and simulator
/// control traffic (<c>/__admin</c>, <c>/__gtmguard</c>) is skipped.
/// </summary>
public static class WireMockJournalReader
{
    private static readonly string[] ControlPrefixes = ["/__admin", "/__gtmguard"];

    public static Recording Read(string path, string? vendor = null, string? webhookVendor = null)
    {
        try
        {
            return Parse(File.ReadAllText(path), Path.GetFileName(path), vendor, webhookVendor);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RecordingException($"{path}: cannot be read: {ex.Message}", ex);
        }
    }

    public static Recording Parse(string json, string name, string? vendor = null, string? webhookVendor = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new RecordingException($"{name}: not a WireMock request journal (invalid JSON): {ex.Message}", ex);
        }

        var entries = root as JsonArray ?? (root as JsonObject)?["Requests"] as JsonArray ?? (root as JsonObject)?["requests"] as JsonArray
            ?? throw new RecordingException($"{name}: not a WireMock request journal (expected an array of log entries or {{\"Requests\": [...]}}).");
        var exchanges = new List<RecordedExchange>();
        var problems = new List<Findings.Finding>();
        for (var i = 0; i < entries.Count; i++)
        {
            var source = $"{name}#{i}";
            var request = Member(entries[i], "Request") as JsonObject;
            var response = Member(entries[i], "Response") as JsonObject;
            if (request is null || Text(Member(request, "Method")) is not { } method)
            {
                problems.Add(Recording.Unreadable(source, $"{source}: log entry has no Request.Method."));
                continue;
            }

            var url = Text(Member(request, "AbsoluteUrl")) ?? Text(Member(request, "Url")) ?? Text(Member(request, "Path")) ?? "/";
            var requestPath = Text(Member(request, "Path")) ?? new RecordedExchange { Source = source, Url = url }.Path;
            if (ControlPrefixes.Any(p => requestPath.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var requestHeaders = Headers(Member(request, "Headers"));
            var detected = webhookVendor ?? WebhookHeaders.VendorOf(requestHeaders);
            if (detected is not null)
            {
                exchanges.Add(new RecordedExchange
                {
                    Source = source,
                    Vendor = detected,
                    Method = method.ToUpperInvariant(),
                    Url = url,
                    IsWebhook = true,
                    RequestBody = Body(request),
                    RequestContentType = requestHeaders.GetValueOrDefault("Content-Type"),
                    Headers = requestHeaders,
                });
                continue;
            }

            var responseHeaders = Headers(Member(response, "Headers"));
            exchanges.Add(new RecordedExchange
            {
                Source = source,
                Vendor = vendor,
                Method = method.ToUpperInvariant(),
                Url = url,
                Status = Status(Member(response, "StatusCode")),
                RequestBody = Body(request),
                RequestContentType = requestHeaders.GetValueOrDefault("Content-Type"),
                ResponseBody = response is null ? null : Body(response),
                ResponseContentType = responseHeaders.GetValueOrDefault("Content-Type"),
                Headers = responseHeaders,
            });
        }

        return new Recording(exchanges, problems);
    }

    /// <summary>WireMock.Net writes PascalCase; other exporters camelCase.</summary>
    private static JsonNode? Member(JsonNode? node, string name) =>
        node is JsonObject obj ? obj[name] ?? obj[char.ToLowerInvariant(name[0]) + name[1..]] : null;

    private static string? Body(JsonObject message)
    {
        if (Text(Member(message, "Body")) is { Length: > 0 } text)
        {
            return text;
        }

        if (Member(message, "BodyAsJson") is { } json)
        {
            return json.ToJsonString();
        }

        if (Text(Member(message, "BodyAsBytes")) is { Length: > 0 } base64)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static int Status(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 200,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

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
