using System.Globalization;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Path ids: positive integers; anything else simply matches no record.</summary>
internal static class OutreachIds
{
    public static long? Parse(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>The record with the path id, or null (answer with a 404 naming <paramref name="text"/>).</summary>
    public static T? Find<T>(SortedDictionary<long, T> store, string text)
        where T : class =>
        Parse(text) is { } id && store.TryGetValue(id, out var found) ? found : null;
}
