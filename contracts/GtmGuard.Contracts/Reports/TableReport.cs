using System.Globalization;
using GtmGuard.Contracts.Findings;

namespace GtmGuard.Contracts.Reports;

/// <summary>A plain-text table, one row per folded finding, breaking first; readable without a terminal.</summary>
internal static class TableReport
{
    private static readonly string[] Headings = ["SEVERITY", "KIND", "VENDOR", "OPERATION", "WHERE", "PATH", "COUNT", "MESSAGE"];

    public static void Write(ContractReport report, TextWriter output)
    {
        output.WriteLine($"{report.Title}: {report.Subject}, {report.Operations.Count} operation(s): {report.Summary}");
        if (report.Findings.Count == 0)
        {
            output.WriteLine("No findings: everything matches the snapshots.");
            return;
        }

        output.WriteLine();
        var rows = report.Findings.Select(Row).ToList();
        var widths = Enumerable.Range(0, Headings.Length - 1)
            .Select(i => Math.Min(48, rows.Select(r => r[i].Length).Append(Headings[i].Length).Max()))
            .ToArray();
        output.WriteLine(Line(Headings, widths));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }

        foreach (var source in report.Findings.Where(f => f.Source is not null && f.Severity == Severity.Breaking).Take(10))
        {
            output.WriteLine($"  first seen in {source.Source}: {source.Operation} {source.Path}");
        }
    }

    private static string[] Row(Finding f) =>
    [
        f.Severity.ToString().ToLowerInvariant(), f.Kind.ToString(), f.Vendor, f.Operation, f.Location, f.Path,
        f.Count.ToString(CultureInfo.InvariantCulture), f.Message,
    ];

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i < widths.Length ? Fit(cell, widths[i]) : cell)).TrimEnd();

    private static string Fit(string text, int width) => text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);
}
