using System.Text.RegularExpressions;

namespace GtmGuard.Observability.Tests.Tools;

/// <summary>One PromQL expression and where it was found (dashboard panel, alert rule, rule file).</summary>
internal sealed partial record PromQlExpression(string Source, string Expr)
{
    /// <summary>Metric names the expression reads (<c>gtmguard_…</c>; recording-rule names contain colons and are left out).</summary>
    public IEnumerable<string> MetricNames() =>
        MetricName().Matches(Expr).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    public override string ToString() => $"{Source}: {Expr}";

    [GeneratedRegex(@"(?<![\w:])gtmguard_[a-z0-9_]+(?![\w:])")]
    private static partial Regex MetricName();
}
