using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GtmGuard.Contracts.Validation;

/// <summary>Parses payload text for validation: dates stay strings (so <c>format: date-time</c> is checked on the text), one value only.</summary>
internal static class JsonPayload
{
    public static bool TryParse(string? text, out JToken token, out string error)
    {
        token = JValue.CreateNull();
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the body is empty";
            return false;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
            token = JToken.ReadFrom(reader);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                error = $"unexpected content after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}";
                return false;
            }

            return true;
        }
        catch (JsonReaderException ex)
        {
            error = $"not JSON ({ex.Message.Split(" Path ", 2)[0]}): \"{Excerpt(text)}\"";
            return false;
        }
    }

    /// <summary><c>a=1&amp;b=2</c> as a JSON object of strings, so a form body validates like a JSON one.</summary>
    public static JObject FromForm(string text)
    {
        var form = new JObject();
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = Uri.UnescapeDataString(parts[0].Replace('+', ' '));
            form[name] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
        }

        return form;
    }

    public static string Excerpt(string text) => text.Length <= 60 ? text.ReplaceLineEndings(" ") : text[..60].ReplaceLineEndings(" ") + "…";
}
