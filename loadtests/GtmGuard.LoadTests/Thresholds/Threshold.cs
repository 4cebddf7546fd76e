using System.Globalization;
using System.Text.RegularExpressions;

namespace GtmGuard.LoadTests.Thresholds;

/// <summary>
/// A pass/fail condition on one result metric, e.g. <c>ceiling_ratio&gt;=0.95</c>, <c>lost==0</c>, <c>p95_ms&lt;250</c>;
/// optionally for one scenario only: <c>hubspot-batch.ceiling_ratio&gt;=0.95</c>.
/// </summary>
public sealed partial record Threshold(string? Scenario, string Metric, string Operator, double Value)
{
    public override string ToString() =>
        (Scenario is null ? string.Empty : Scenario + ".") + Metric + Operator + Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses one threshold; a malformed one or an unknown metric throws <see cref="ThresholdSyntaxException"/> saying what is wrong.</summary>
    public static Threshold Parse(string text, IReadOnlyCollection<string> knownMetrics)
    {
        ArgumentNullException.ThrowIfNull(knownMetrics);
        var match = Pattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            throw new ThresholdSyntaxException(
                $"threshold '{text}' is not of the form METRIC OP NUMBER (OP one of >=, <=, ==, !=, >, <), e.g. \"ceiling_ratio>=0.95\".");
        }

        var metric = match.Groups["metric"].Value;
        if (!knownMetrics.Contains(metric))
        {
            throw new ThresholdSyntaxException($"threshold '{text}': unknown metric '{metric}'; use one of {string.Join(", ", knownMetrics.Order(StringComparer.Ordinal))}.");
        }

        if (!double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ThresholdSyntaxException($"threshold '{text}': '{match.Groups["value"].Value}' is not a number.");
        }

        var scenario = match.Groups["scenario"].Success ? match.Groups["scenario"].Value : null;
        return new Threshold(scenario, metric, match.Groups["op"].Value, value);
    }

    /// <summary>Whether <paramref name="actual"/> satisfies the condition.</summary>
    public bool IsMet(double actual) => Operator switch
    {
        ">=" => actual >= Value,
        "<=" => actual <= Value,
        ">" => actual > Value,
        "<" => actual < Value,
        "==" => actual.Equals(Value),
        "!=" => !actual.Equals(Value),
        _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
    };

    [GeneratedRegex(@"^\s*(?:(?<scenario>[a-z0-9-]+)\.)?(?<metric>[a-z0-9_]+)\s*(?<op>>=|<=|==|!=|>|<)\s*(?<value>[^\s<>=!]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>A threshold that cannot be parsed; the message says what is wrong.</summary>
public sealed class ThresholdSyntaxException : Exception
{
    public ThresholdSyntaxException(string message)
        : base(message)
    {
    }

    public ThresholdSyntaxException()
    {
    }

    public ThresholdSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
