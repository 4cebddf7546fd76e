namespace GtmGuard.LoadTests.Reports;

/// <summary>Writes a run's report as <c>load-{time}.json</c>, <c>.md</c> and <c>.html</c> in the reports folder.</summary>
public static class ReportWriter
{
    public static async Task<IReadOnlyList<string>> WriteAsync(RunReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, "load-" + report.StartedAt.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var files = new (string Path, string Text)[]
        {
            (stem + ".json", JsonReport.Render(report)),
            (stem + ".md", MarkdownReport.Render(report)),
            (stem + ".html", HtmlReport.Render(report)),
        };
        foreach (var (path, text) in files)
        {
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        }

        return files.Select(f => f.Path).ToList();
    }
}
