using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;

namespace GtmGuard.Simulators.Hosting;

/// <summary>What a vendor handler sees of a request: method, path parameters, query, headers and body.</summary>
public sealed class SimRequest
{
    private readonly IRequestMessage _message;
    private readonly IReadOnlyDictionary<string, string> _routeValues;

    internal SimRequest(IRequestMessage message, IReadOnlyDictionary<string, string> routeValues)
    {
        _message = message;
        _routeValues = routeValues;
    }

    public string Method => _message.Method;

    public string Path => _message.AbsolutePath;

    /// <summary>The request's path and query as the client sent them.</summary>
    public string PathAndQuery => _message.AbsolutePath + (_message.Query is { Count: > 0 } ? new Uri(_message.AbsoluteUrl).Query : string.Empty);

    public string BaseUrl => new Uri(_message.AbsoluteUrl).GetLeftPart(UriPartial.Authority);

    public string Route(string name) => _routeValues[name];

    public string? Query(string name) =>
        _message.Query is not null && _message.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public IReadOnlyList<string> QueryAll(string name) =>
        _message.Query is not null && _message.Query.TryGetValue(name, out var values) ? values : [];

    public string? Header(string name)
    {
        if (_message.Headers is null)
        {
            return null;
        }

        // The exact spelling is the common case; fall back to a case-insensitive scan.
        if (_message.Headers.TryGetValue(name, out var exact) && exact.Count > 0)
        {
            return exact[0];
        }

        foreach (var (key, values) in _message.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values.Count > 0)
            {
                return values[0];
            }
        }

        return null;
    }

    public string? ContentType => Header("Content-Type");

    public byte[] BodyBytes => _message.BodyAsBytes ?? (_message.Body is { } text ? Encoding.UTF8.GetBytes(text) : []);

    public string BodyText => _message.Body ?? (_message.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty);

    public bool HasBody => BodyBytes.Length > 0;

    /// <summary>Parses the body as JSON; a malformed body throws <see cref="MalformedBodyException"/>, a non-JSON content type <see cref="UnsupportedMediaTypeException"/>.</summary>
    public JsonNode? Json()
    {
        RequireJsonContentType();
        var bytes = BodyBytes;
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            RequireReadableText(bytes);
            // Duplicate keys would otherwise throw ArgumentException later, when a handler first reads the object.
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new MalformedBodyException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Throws <see cref="MalformedBodyException"/> when a name or string of the JSON cannot be decoded (invalid UTF-8, a
    /// lone surrogate escape): the parser takes those, and a handler reading the string later would fail with a 500.
    /// </summary>
    internal static void RequireReadableText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            {
                continue;
            }

            // On every request body, so without a string per token: plain text is checked in place; only an escape can
            // spell a lone surrogate, so only escaped text is decoded.
            if (!reader.ValueIsEscaped)
            {
                if (!System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
                {
                    throw new MalformedBodyException("The body holds text that is not valid UTF-8.");
                }

                continue;
            }

            try
            {
                _ = reader.GetString();
            }
            catch (InvalidOperationException ex)
            {
                throw new MalformedBodyException($"The body holds text that is not valid UTF-8 or UTF-16: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Throws <see cref="UnsupportedMediaTypeException"/> when the body is declared as something other than JSON.</summary>
    public void RequireJsonContentType()
    {
        if (ContentType is { } contentType && !IsJson(contentType))
        {
            throw new UnsupportedMediaTypeException(contentType);
        }
    }

    /// <summary>The body as a JSON object; anything else throws <see cref="MalformedBodyException"/>.</summary>
    public JsonObject JsonObject() =>
        Json() as JsonObject ?? throw new MalformedBodyException("The request body must be a JSON object.");

    /// <summary>Form fields of an application/x-www-form-urlencoded body.</summary>
    public IReadOnlyDictionary<string, string> Form()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var key = separator < 0 ? pair : pair[..separator];
            var value = separator < 0 ? string.Empty : pair[(separator + 1)..];
            fields[Unescape(key)] = Unescape(value);
        }

        return fields;
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
