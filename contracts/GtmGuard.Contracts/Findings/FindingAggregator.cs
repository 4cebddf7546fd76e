using System.Text.RegularExpressions;

namespace GtmGuard.Contracts.Findings;

/// <summary>Folds repeated findings (the same field in 100 batch results, or in 50 recordings) into one row with a count.</summary>
public static partial class FindingAggregator
{
    /// <summary>Array indexes become <c>[*]</c> so <c>$.results[3].id</c> and <c>$.results[7].id</c> fold together.</summary>
    public static string NormalizePath(string path) => ArrayIndex().Replace(path, "[*]");

    public static IReadOnlyList<Finding> Aggregate(IEnumerable<Finding> findings)
    {
        var rows = new Dictionary<(Severity, FindingKind, string, string, string, string), Finding>();
        var order = new List<(Severity, FindingKind, string, string, string, string)>();
        foreach (var finding in findings)
        {
            var path = NormalizePath(finding.Path);
            var key = (finding.Severity, finding.Kind, finding.Vendor, finding.Operation, finding.Location, path);
            if (rows.TryGetValue(key, out var existing))
            {
                rows[key] = existing with { Count = existing.Count + finding.Count };
            }
            else
            {
                rows[key] = finding with { Path = path };
                order.Add(key);
            }
        }

        return order.Select(k => rows[k])
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Vendor, StringComparer.Ordinal)
            .ThenBy(f => f.Operation, StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ArrayIndex();
}
