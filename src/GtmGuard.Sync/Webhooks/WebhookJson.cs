using System.Globalization;
using System.Text.Json;

namespace GtmGuard.Sync.Webhooks;

/// <summary>Lenient readers for the id and time fields vendors send as numbers or strings.</summary>
internal static class WebhookJson
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>A non-empty string or an integer, as text.</summary>
    public static string? Id(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Id(value) : null;

    public static string? Id(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
        JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>An ISO 8601 time with an offset, or Unix milliseconds as a number or numeric string.</summary>
    public static DateTimeOffset? Time(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms))
        {
            return FromMilliseconds(ms);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
        {
            return FromMilliseconds(numeric);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static DateTimeOffset? FromMilliseconds(long ms) =>
        ms is >= 0 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
