using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>How stored values are written (JSON, CSV, messages) and compared.</summary>
internal static class SalesforceValues
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffK", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.fffzz00", "yyyy-MM-dd'T'HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:ss",
    ];

    /// <summary>Salesforce's datetime shape: <c>2026-11-27T09:00:00.000+0000</c>, always UTC.</summary>
    public static string FormatDateTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    /// <summary>Salesforce keeps datetimes to the second.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public static string Text(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => FormatDateTime(at),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        decimal number => JsonValue.Create(number),
        _ => JsonValue.Create(Text(value)),
    };

    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParseExact(text.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        return false;
    }

    public static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Orders two non-null values of the same field; text compares case-insensitively, as SOQL does.</summary>
    public static int Compare(object left, object right) => (left, right) switch
    {
        (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
        (bool a, bool b) => a.CompareTo(b),
        (decimal a, decimal b) => a.CompareTo(b),
        (DateOnly a, DateOnly b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
        (DateTimeOffset a, DateOnly b) => a.UtcDateTime.Date.CompareTo(b.ToDateTime(TimeOnly.MinValue)),
        (DateOnly a, DateTimeOffset b) => a.ToDateTime(TimeOnly.MinValue).CompareTo(b.UtcDateTime.Date),
        _ => string.Compare(Text(left), Text(right), StringComparison.OrdinalIgnoreCase),
    };
}
