using System.Globalization;
using System.Text.RegularExpressions;

namespace GtmGuard.Observability.Tests.Tools;

/// <summary>
/// The real rule files, time-compressed for a test that must finish in seconds: a range of N minutes becomes 4·N seconds
/// (<c>[5m]</c> → <c>[20s]</c>) and <c>for: N m</c> becomes N seconds (<c>for: 5m</c> → <c>for: 5s</c>). Nothing else changes,
/// so thresholds, label handling and rule names are the ones users run.
/// </summary>
internal static partial class ShortWindowRules
{
    public static string Compress(string rules)
    {
        var ranges = RangeInMinutes().Replace(rules, m => $"[{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 4}s]");
        return ForInMinutes().Replace(ranges, m => $"for: {m.Groups[1].Value}s");
    }

    /// <summary>Writes compressed copies of every <c>prometheus/rules/*.rules.yml</c> into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> WriteAll(TempDirectory directory) =>
        ProvisionedExpressions.RuleFiles.Select(file =>
        {
            var target = directory.File(System.IO.Path.GetFileName(file));
            File.WriteAllText(target, Compress(File.ReadAllText(file)));
            return target;
        }).ToList();

    [GeneratedRegex(@"\[(\d+)m\]")]
    private static partial Regex RangeInMinutes();

    [GeneratedRegex(@"for: (\d+)m\b")]
    private static partial Regex ForInMinutes();
}
