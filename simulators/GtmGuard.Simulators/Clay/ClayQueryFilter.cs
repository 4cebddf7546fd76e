using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// The <c>filter</c> of a Public API table query: predicates (<c>{"field","op","value","path"?}</c>) combined with
/// <c>and</c>, <c>or</c> and <c>not</c>. A row is given as a lookup from column name to cell value.
/// </summary>
internal static class ClayQueryFilter
{
    private const int MaxDepth = 8;

    /// <summary>The compiled filter, or the 400 message saying what is wrong with it.</summary>
    public static (Func<Func<string, JsonNode?>, bool>? Filter, string? Error) Parse(JsonNode? node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return (null, "The filter is nested too deeply.");
        }

        if (node is not JsonObject filter)
        {
            return (null, "Each filter must be an object: a predicate, or one of and, or, not.");
        }

        if (filter["and"] is JsonArray and)
        {
            return Combine(and, depth, all: true);
        }

        if (filter["or"] is JsonArray or)
        {
            return Combine(or, depth, all: false);
        }

        if (filter.ContainsKey("not"))
        {
            var (inner, error) = Parse(filter["not"], depth + 1);
            return inner is null ? (null, error) : (row => !inner(row), null);
        }

        return Predicate(filter);
    }

    private static (Func<Func<string, JsonNode?>, bool>?, string?) Combine(JsonArray items, int depth, bool all)
    {
        if (items.Count is < 1 or > 10)
        {
            return (null, "and/or take between 1 and 10 filters.");
        }

        var parts = new List<Func<Func<string, JsonNode?>, bool>>();
        foreach (var item in items)
        {
            var (part, error) = Parse(item, depth + 1);
            if (part is null)
            {
                return (null, error);
            }

            parts.Add(part);
        }

        return all ? (row => parts.All(p => p(row)), null) : (row => parts.Any(p => p(row)), null);
    }

    private static (Func<Func<string, JsonNode?>, bool>?, string?) Predicate(JsonObject predicate)
    {
        if (Text(predicate["field"]) is not { Length: > 0 } field || Text(predicate["op"]) is not { } op)
        {
            return (null, "A filter predicate needs a field and an op.");
        }

        var path = predicate["path"] is JsonArray steps ? steps.Select(Text).ToArray() : [];
        if (path.Any(s => string.IsNullOrEmpty(s)) || path.Length > 5)
        {
            return (null, "path must be 1 to 5 non-empty strings.");
        }

        var expected = predicate["value"];
        Func<JsonNode?, bool>? test = op switch
        {
            "=" => v => Equal(v, expected),
            "!=" => v => !Equal(v, expected),
            ">" => v => Compare(v, expected) is > 0,
            ">=" => v => Compare(v, expected) is >= 0,
            "<" => v => Compare(v, expected) is < 0,
            "<=" => v => Compare(v, expected) is <= 0,
            "contains" => v => Str(v)?.Contains(Str(expected) ?? string.Empty, StringComparison.OrdinalIgnoreCase) == true,
            "not_contains" => v => Str(v)?.Contains(Str(expected) ?? string.Empty, StringComparison.OrdinalIgnoreCase) != true,
            "starts_with" => v => Str(v)?.StartsWith(Str(expected) ?? string.Empty, StringComparison.OrdinalIgnoreCase) == true,
            "ends_with" => v => Str(v)?.EndsWith(Str(expected) ?? string.Empty, StringComparison.OrdinalIgnoreCase) == true,
            "in" when expected is JsonArray options => v => options.Any(o => Equal(v, o)),
            "not_in" when expected is JsonArray options => v => !options.Any(o => Equal(v, o)),
            "is_empty" => IsEmpty,
            "is_not_empty" => v => !IsEmpty(v),
            _ => null,
        };
        if (test is null)
        {
            return (null, op is "in" or "not_in" ? $"op '{op}' needs an array value." : $"Unknown filter op '{op}'.");
        }

        return (row => test(Navigate(row(field), path!)), null);
    }

    private static JsonNode? Navigate(JsonNode? value, string[] path)
    {
        foreach (var step in path)
        {
            value = value is JsonObject obj ? obj[step] : null;
        }

        return value;
    }

    private static bool IsEmpty(JsonNode? value) => value is null || (Str(value) is { } text && text.Length == 0);

    private static bool Equal(JsonNode? actual, JsonNode? expected)
    {
        if ((IsNumber(actual) || IsNumber(expected)) && Number(actual) is { } a && Number(expected) is { } b)
        {
            return a == b;
        }

        return string.Equals(Str(actual), Str(expected), StringComparison.Ordinal);
    }

    private static int? Compare(JsonNode? actual, JsonNode? expected)
    {
        if (Number(actual) is { } a && Number(expected) is { } b)
        {
            return a.CompareTo(b);
        }

        return Str(actual) is { } x && Str(expected) is { } y ? string.CompareOrdinal(x, y) : null;
    }

    private static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;

    /// <summary>Numbers, and strings that hold one (cells keep whatever type the webhook sent).</summary>
    private static double? Number(JsonNode? node) =>
        Str(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    /// <summary>Scalars as text; objects and arrays have no text form for comparisons.</summary>
    private static string? Str(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
