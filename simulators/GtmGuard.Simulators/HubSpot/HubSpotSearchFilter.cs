using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>One search filter; numbers and dates compare by value, everything else as case-insensitive text.</summary>
internal sealed record HubSpotSearchFilter(string Property, string Operator, string? Value, string? HighValue, IReadOnlyList<string> Values)
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal)
    {
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    };

    private static readonly char[] TokenSeparators = [' ', '@', '.', '-', '_', ',', ';'];

    public static bool TryRead(JsonNode? node, out HubSpotSearchFilter filter, out string message)
    {
        filter = null!;
        message = string.Empty;
        if (node is not JsonObject json)
        {
            message = "Each filter must be an object with a propertyName and an operator.";
            return false;
        }

        var property = HubSpotInput.Text(json["propertyName"], "propertyName");
        var op = HubSpotInput.Text(json["operator"], "operator");
        if (string.IsNullOrEmpty(property) || string.IsNullOrEmpty(op))
        {
            message = "Each filter needs a propertyName and an operator.";
            return false;
        }

        if (!Operators.Contains(op))
        {
            message = $"Unknown operator '{op}'. Operators: {string.Join(", ", Operators)}.";
            return false;
        }

        var values = HubSpotInput.TextList(json["values"], "values") ?? [];
        filter = new HubSpotSearchFilter(property, op, HubSpotInput.Text(json["value"], "value"), HubSpotInput.Text(json["highValue"], "highValue"), values);
        if (op is not ("HAS_PROPERTY" or "NOT_HAS_PROPERTY" or "IN" or "NOT_IN") && filter.Value is null)
        {
            message = $"Operator {op} on '{property}' needs a value.";
            return false;
        }

        if (op is "BETWEEN" && filter.HighValue is null)
        {
            message = $"Operator BETWEEN on '{property}' needs a value and a highValue.";
            return false;
        }

        if (op is "IN" or "NOT_IN" && values.Length == 0)
        {
            message = $"Operator {op} on '{property}' needs values.";
            return false;
        }

        return true;
    }

    public bool Matches(HubSpotRecord record)
    {
        var has = record.Properties.TryGetValue(Property, out var actual) && actual.Length > 0;
        return Operator switch
        {
            "HAS_PROPERTY" => has,
            "NOT_HAS_PROPERTY" => !has,
            "EQ" => has && Compare(actual!, Value!) == 0,
            "NEQ" => !has || Compare(actual!, Value!) != 0,
            "LT" => has && Compare(actual!, Value!) < 0,
            "LTE" => has && Compare(actual!, Value!) <= 0,
            "GT" => has && Compare(actual!, Value!) > 0,
            "GTE" => has && Compare(actual!, Value!) >= 0,
            "BETWEEN" => has && Compare(actual!, Value!) >= 0 && Compare(actual!, HighValue!) <= 0,
            "IN" => has && Values.Any(v => Compare(actual!, v) == 0),
            "NOT_IN" => !has || Values.All(v => Compare(actual!, v) != 0),
            "CONTAINS_TOKEN" => has && ContainsToken(actual!, Value!),
            "NOT_CONTAINS_TOKEN" => !has || !ContainsToken(actual!, Value!),
            _ => false,
        };
    }

    private static int Compare(string actual, string expected) => HubSpotValueComparer.Instance.Compare(actual, expected);

    /// <summary>Whole-word match on the value's tokens; a leading or trailing <c>*</c> makes it a substring match.</summary>
    private static bool ContainsToken(string actual, string token)
    {
        var trimmed = token.Trim('*');
        if (token.StartsWith('*') || token.EndsWith('*'))
        {
            return actual.Contains(trimmed, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(actual, trimmed, StringComparison.OrdinalIgnoreCase)
            || actual.Split(TokenSeparators, StringSplitOptions.RemoveEmptyEntries).Any(t => string.Equals(t, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
