using System.Globalization;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>How HubSpot writes records: <c>{id, properties, createdAt, updatedAt, archived}</c> with millisecond UTC timestamps.</summary>
internal static class HubSpotJson
{
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The record with the requested properties (null when unset), or the type's defaults when none are named.</summary>
    public static Dictionary<string, object?> Record(HubSpotRecord record, HubSpotObjectType type, IReadOnlyCollection<string>? requested)
    {
        var properties = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in requested is { Count: > 0 } ? requested : type.DefaultProperties)
        {
            properties[name] = record.Properties.GetValueOrDefault(name);
        }

        foreach (var system in new[] { "hs_object_id", "createdate", "lastmodifieddate" })
        {
            properties[system] = record.Properties.GetValueOrDefault(system);
        }

        var json = new Dictionary<string, object?>
        {
            ["id"] = record.Id,
            ["properties"] = properties,
            ["createdAt"] = Timestamp(record.CreatedAt),
            ["updatedAt"] = Timestamp(record.UpdatedAt),
            ["archived"] = record.Archived,
        };
        if (record.ArchivedAt is { } archivedAt)
        {
            json["archivedAt"] = Timestamp(archivedAt);
        }

        return json;
    }

    /// <summary>Reads a <c>properties</c> query parameter given as a comma list or repeated.</summary>
    public static IReadOnlyCollection<string> RequestedProperties(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
}
