using System.Globalization;
using System.Text.Json.Serialization;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>How HubSpot writes records: <c>{id, properties, createdAt, updatedAt, archived}</c> with millisecond UTC timestamps.</summary>
internal static class HubSpotJson
{
    private static readonly string[] SystemProperties = [HubSpotObjectType.ObjectIdProperty, "createdate", "lastmodifieddate"];

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The record with the requested properties (null when unset, unknown names left out, as HubSpot does),
    /// or the type's defaults when none are named; the system properties are always there.
    /// </summary>
    public static HubSpotObjectJson Record(HubSpotRecord record, HubSpotObjectType type, IReadOnlyCollection<string>? requested)
    {
        var properties = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in requested is { Count: > 0 } ? requested : type.DefaultProperties)
        {
            if (type.KnownProperties.Contains(name))
            {
                properties[name] = record.Properties.GetValueOrDefault(name);
            }
        }

        foreach (var system in SystemProperties)
        {
            properties[system] = record.Properties.GetValueOrDefault(system);
        }

        return new HubSpotObjectJson(
            record.Id,
            properties,
            Timestamp(record.CreatedAt),
            Timestamp(record.UpdatedAt),
            record.Archived,
            record.ArchivedAt is { } archivedAt ? Timestamp(archivedAt) : null);
    }

    /// <summary>A freshly written record: the type's defaults plus every property the request wrote.</summary>
    public static HubSpotObjectJson Written(HubSpotRecord record, HubSpotObjectType type, IEnumerable<string> written) =>
        Record(record, type, type.DefaultProperties.Union(written, StringComparer.Ordinal).ToArray());

    /// <summary>Reads a <c>properties</c> query parameter given as a comma list or repeated.</summary>
    public static IReadOnlyCollection<string> RequestedProperties(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
}

/// <summary>HubSpot's <c>SimplePublicObject</c> (and, with <see cref="New"/>, <c>SimplePublicUpsertObject</c>); a typed shape serialises faster than a dictionary.</summary>
internal sealed record HubSpotObjectJson(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("properties")] SortedDictionary<string, string?> Properties,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt,
    [property: JsonPropertyName("archived")] bool Archived,
    [property: JsonPropertyName("archivedAt")] string? ArchivedAt)
{
    /// <summary>Upsert results only: true when the record was created.</summary>
    [JsonPropertyName("new")]
    public bool? New { get; init; }
}
