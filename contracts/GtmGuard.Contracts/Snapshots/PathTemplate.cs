using NJsonSchema;

namespace GtmGuard.Contracts.Snapshots;

/// <summary>
/// An OpenAPI path template such as <c>/services/data/v{version}/sobjects/{sObject}/{id}</c>, matched segment by
/// segment. A segment may mix text and one parameter (<c>v{version}</c>); parameter values must satisfy the
/// parameter's schema (a pattern or enum), which is how each Salesforce snapshot claims its range of API versions.
/// </summary>
internal sealed class PathTemplate
{
    private readonly Segment[] _segments;

    private PathTemplate(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>The template with parameter names erased (<c>/a/{}/b</c>), to pair operations across versions.</summary>
    public string Shape => "/" + string.Join('/', _segments.Select(s => s.Parameter is null ? s.Prefix : s.Prefix + "{}" + s.Suffix));

    /// <summary>How many segments are plain text: more literal text wins over parameters when two templates match.</summary>
    public int LiteralCount => _segments.Count(s => s.Parameter is null);

    public static PathTemplate Parse(string template)
    {
        var segments = Split(template).Select(ParseSegment).ToArray();
        return new PathTemplate(template, segments);
    }

    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Matches decoded path segments; <paramref name="parameterSchemas"/> gives each path parameter's schema.</summary>
    public bool TryMatch(IReadOnlyList<string> segments, IReadOnlyDictionary<string, JsonSchema> parameterSchemas)
    {
        if (segments.Count != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            var segment = _segments[i];
            var value = segments[i];
            if (segment.Parameter is null)
            {
                if (!string.Equals(segment.Prefix, value, StringComparison.Ordinal))
                {
                    return false;
                }

                continue;
            }

            if (value.Length < segment.Prefix.Length + segment.Suffix.Length + 1
                || !value.StartsWith(segment.Prefix, StringComparison.Ordinal)
                || !value.EndsWith(segment.Suffix, StringComparison.Ordinal))
            {
                return false;
            }

            var argument = value[segment.Prefix.Length..^segment.Suffix.Length];
            if (parameterSchemas.TryGetValue(segment.Parameter, out var schema) && !Accepts(schema, argument))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Accepts(JsonSchema schema, string value)
    {
        var actual = schema.ActualSchema;
        if (actual.Enumeration.Count > 0 && !actual.Enumeration.Any(e => string.Equals(e?.ToString(), value, StringComparison.Ordinal)))
        {
            return false;
        }

        return actual.Pattern is not { Length: > 0 } pattern || System.Text.RegularExpressions.Regex.IsMatch(value, pattern);
    }

    private static Segment ParseSegment(string text)
    {
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var close = text.IndexOf('}', StringComparison.Ordinal);
        return open < 0 || close < open
            ? new Segment(text, null, string.Empty)
            : new Segment(text[..open], text[(open + 1)..close], text[(close + 1)..]);
    }

    private sealed record Segment(string Prefix, string? Parameter, string Suffix);
}
