using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Contracts.Recordings;

/// <summary>
/// Reads WireMock mappings (<c>GET /__admin/mappings</c>, or the mapping files in <c>simulators/mappings/&lt;vendor&gt;/</c>)
/// as exchanges: each static response a mapping pins is checked like a recorded one, so a pinned response that has
/// drifted from the vendor's contract is caught. Mappings with a path pattern or no static response are info findings.
/// </summary>
public static class WireMockMappingsReader
{
    public static Recording Read(string path, string? vendor = null)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : throw new RecordingException($"{path}: no such mappings file or folder.");
        var exchanges = new List<RecordedExchange>();
        var problems = new List<Findings.Finding>();
        foreach (var file in files)
        {
            var name = Directory.Exists(path) ? Path.GetRelativePath(path, file) : Path.GetFileName(file);
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                problems.Add(Recording.Unreadable(name, $"{name} is not a readable mapping file: {ex.Message}"));
                continue;
            }

            var mappings = root switch
            {
                JsonArray array => array.ToList(),
                JsonObject obj when obj["Mappings"] is JsonArray wrapped => wrapped.ToList(),
                _ => [root],
            };
            for (var i = 0; i < mappings.Count; i++)
            {
                var source = mappings.Count == 1 ? name : $"{name}#{i}";
                if (Read(mappings[i] as JsonObject, source, vendor, out var problem) is { } exchange)
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

    private static RecordedExchange? Read(JsonObject? mapping, string source, string? vendor, out string problem)
    {
        problem = string.Empty;
        var request = mapping?["Request"] as JsonObject;
        var response = mapping?["Response"] as JsonObject;
        if (request is null || response is null)
        {
            problem = "not a mapping (no Request and Response).";
            return null;
        }

        var path = request["Path"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonObject matcher => (matcher["Matchers"] as JsonArray)?.FirstOrDefault()?["Pattern"]?.GetValue<string>(),
            _ => request["Url"]?.GetValue<string>(),
        };
        if (path is null || path.IndexOfAny(['*', '?', '^', '$']) >= 0)
        {
            problem = $"the mapping matches a path pattern ({path ?? "none"}), not one path; skipped.";
            return null;
        }

        var body = response["BodyAsJson"] is { } json ? json.ToJsonString() : response["Body"]?.GetValue<string>();
        if (response["StatusCode"] is null && body is null)
        {
            problem = "the mapping has no static response (a callback or proxy); skipped.";
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response["Headers"] as JsonObject ?? [])
        {
            headers[name] = value is JsonArray list ? string.Join(", ", list.Select(v => v?.ToString())) : value?.ToString() ?? string.Empty;
        }

        return new RecordedExchange
        {
            Source = source,
            Vendor = vendor,
            Method = ((request["Methods"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? "GET").ToUpperInvariant(),
            Url = path,
            Status = response["StatusCode"] switch
            {
                JsonValue v when v.TryGetValue<int>(out var n) => n,
                JsonValue v when v.TryGetValue<string>(out var t) && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => 200,
            },
            ResponseBody = body,
            ResponseContentType = headers.GetValueOrDefault("Content-Type") ?? (response["BodyAsJson"] is not null ? "application/json" : null),
            Headers = headers,
        };
    }
}
