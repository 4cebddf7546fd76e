namespace GtmGuard.Observability.Tests.EndToEnd;

/// <summary>Sample names in a Prometheus text exposition (<c>name{labels} value</c> lines; comments skipped).</summary>
internal static class MetricsExposition
{
    public static IReadOnlySet<string> SampleNames(string exposition) =>
        exposition.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
}
