namespace GtmGuard.Contracts.Snapshots;

/// <summary>Every loaded snapshot, and the lookup from a recorded request to the operation it belongs to.</summary>
public sealed class SnapshotSet
{
    private readonly Dictionary<string, List<SnapshotOperation>> _byMethod;

    public SnapshotSet(IReadOnlyList<ContractSnapshot> snapshots)
    {
        Snapshots = snapshots;
        _byMethod = snapshots.SelectMany(s => s.Operations)
            .Where(o => o.WebhookName is null)
            .GroupBy(o => o.Method, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ContractSnapshot> Snapshots { get; }

    public IEnumerable<string> Vendors => Snapshots.Select(s => s.Vendor).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The operation <paramref name="method"/> <paramref name="path"/> belongs to (query string ignored), within
    /// <paramref name="vendor"/> when given. When several templates match, the one with more literal segments wins.
    /// </summary>
    public SnapshotOperation? FindOperation(string? vendor, string method, string path)
    {
        if (!_byMethod.TryGetValue(method, out var candidates))
        {
            return null;
        }

        var segments = PathTemplate.Split(StripQuery(path)).Select(Unescape).ToArray();
        SnapshotOperation? best = null;
        foreach (var operation in candidates)
        {
            if ((vendor is null || string.Equals(operation.Vendor, vendor, StringComparison.OrdinalIgnoreCase))
                && operation.Template.TryMatch(segments, operation.PathParameters)
                && (best is null || operation.Template.LiteralCount > best.Template.LiteralCount))
            {
                best = operation;
            }
        }

        return best;
    }

    /// <summary>The webhook of <paramref name="vendor"/> named <paramref name="name"/>, or null.</summary>
    public SnapshotOperation? FindWebhook(string vendor, string name) =>
        Snapshots.Where(s => string.Equals(s.Vendor, vendor, StringComparison.OrdinalIgnoreCase))
            .SelectMany(s => s.Webhooks)
            .FirstOrDefault(o => o.WebhookName == name);

    /// <summary>The vendor's snapshots that document webhooks.</summary>
    public IEnumerable<ContractSnapshot> WebhookSnapshots(string vendor) =>
        Snapshots.Where(s => string.Equals(s.Vendor, vendor, StringComparison.OrdinalIgnoreCase) && s.Webhooks.Any());

    public IEnumerable<ContractSnapshot> ForVendor(string vendor) =>
        Snapshots.Where(s => string.Equals(s.Vendor, vendor, StringComparison.OrdinalIgnoreCase));

    internal static string StripQuery(string path)
    {
        var query = path.IndexOfAny(['?', '#']);
        return query < 0 ? path : path[..query];
    }

    private static string Unescape(string segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return segment;
        }
    }
}
