using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Outreach timestamps: whole seconds, written as <c>2026-11-27T09:00:00.000Z</c>.</summary>
internal static class OutreachTime
{
    /// <summary>Now on the injected clock, truncated to the second as Outreach stores it.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Node(DateTimeOffset? value) => value is { } v ? JsonValue.Create(Format(v)) : null;

    /// <summary>The webhook <c>meta.deliveredAt</c> form, e.g. <c>2019-08-15T19:52:07.697+00:00</c>.</summary>
    public static string Delivered(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 date or date-time; no offset means UTC, and a '+' decoded to a space is put back.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text.Trim().Replace(' ', '+'),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
