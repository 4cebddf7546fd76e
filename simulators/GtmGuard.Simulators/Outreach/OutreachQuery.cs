namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// The raw query string, parsed without WireMock's help: JSON:API keys such as <c>filter[updatedAt][gte]</c> arrive
/// percent-encoded or not, and values like <c>a@x.com,b@x.com</c> must not be split before a filter sees them.
/// </summary>
internal sealed class OutreachQuery
{
    private readonly List<(string RawKey, string RawValue, string Key, string Value)> _pairs = [];

    private OutreachQuery(string path) => Path = path;

    public string Path { get; }

    /// <summary>Decoded key/value pairs in request order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Pairs => _pairs.Select(p => KeyValuePair.Create(p.Key, p.Value));

    public static OutreachQuery Parse(string pathAndQuery)
    {
        var separator = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var query = new OutreachQuery(separator < 0 ? pathAndQuery : pathAndQuery[..separator]);
        if (separator < 0)
        {
            return query;
        }

        foreach (var part in pathAndQuery[(separator + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var rawKey = equals < 0 ? part : part[..equals];
            var rawValue = equals < 0 ? string.Empty : part[(equals + 1)..];
            query._pairs.Add((rawKey, rawValue, Decode(rawKey), Decode(rawValue)));
        }

        return query;
    }

    /// <summary>The last value given for <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => _pairs.LastOrDefault(p => p.Key == key).Value;

    /// <summary>This query with <paramref name="key"/> set to <paramref name="value"/>, every other parameter kept as sent.</summary>
    public string With(string key, string value)
    {
        var parts = _pairs.Where(p => p.Key != key).Select(p => p.RawKey + "=" + p.RawValue).ToList();
        parts.Add(Encode(key) + "=" + Uri.EscapeDataString(value));
        return Path + "?" + string.Join('&', parts);
    }

    /// <summary>This query without <paramref name="key"/>.</summary>
    public string Without(string key)
    {
        var parts = _pairs.Where(p => p.Key != key).Select(p => p.RawKey + "=" + p.RawValue).ToList();
        return parts.Count == 0 ? Path : Path + "?" + string.Join('&', parts);
    }

    private static string Decode(string raw) => Uri.UnescapeDataString(raw.Replace('+', ' '));

    private static string Encode(string key) => key.Replace("[", "%5B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);
}
