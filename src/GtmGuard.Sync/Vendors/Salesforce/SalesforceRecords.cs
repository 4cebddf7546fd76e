using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>Input records keyed by external id: merged when repeated, rendered as JSON fields or CSV cells.</summary>
internal static class SalesforceRecords
{
    /// <summary>One record per external id, in first-seen order; later fields win. A record without the id is a caller bug.</summary>
    public static List<(string ExternalId, Dictionary<string, object?> Fields)> Merge(
        IEnumerable<IReadOnlyDictionary<string, object?>> records, string externalIdField)
    {
        var merged = new Dictionary<string, (string ExternalId, Dictionary<string, object?> Fields)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var record in records)
        {
            var externalId = Cell(record.GetValueOrDefault(externalIdField));
            if (string.IsNullOrWhiteSpace(externalId))
            {
                throw new ArgumentException($"Every record needs a value for its external id field '{externalIdField}'.", nameof(records));
            }

            if (!merged.TryGetValue(externalId, out var entry))
            {
                entry = (externalId, new Dictionary<string, object?>(StringComparer.Ordinal));
                merged[externalId] = entry;
                order.Add(externalId);
            }

            foreach (var (name, value) in record)
            {
                entry.Fields[name] = value;
            }
        }

        return order.Select(id => merged[id]).ToList();
    }

    public static JsonObject Json(IReadOnlyDictionary<string, object?> fields, params string[] skip)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (!skip.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                json[name] = value is null ? null : JsonSerializer.SerializeToNode(value);
            }
        }

        return json;
    }

    /// <summary>A value as Bulk API CSV text; null becomes <c>#N/A</c>, which sets the field to null (an empty cell leaves it unchanged).</summary>
    public static string Cell(object? value) => value switch
    {
        null => "#N/A",
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
