using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>Converts JSON values and CSV cells into the CLR type a field stores; a mismatch is the vendor's parser error.</summary>
internal static class SalesforceValueReader
{
    /// <summary>Reads a JSON value; null JSON clears the field (a checkbox becomes false).</summary>
    public static bool TryFromJson(SalesforceField field, JsonNode? node, out object? value, out SalesforceError? error)
    {
        value = null;
        error = null;
        if (node is null)
        {
            value = field.Type == SalesforceFieldType.Boolean ? false : null;
            return true;
        }

        if (node is not JsonValue scalar)
        {
            error = ParserError(field, node.GetValueKind() == JsonValueKind.Array ? "START_ARRAY" : "START_OBJECT", node.ToJsonString());
            return false;
        }

        var kind = scalar.GetValueKind();
        var raw = kind == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
        if (field.Type == SalesforceFieldType.Boolean && kind is JsonValueKind.True or JsonValueKind.False)
        {
            value = kind == JsonValueKind.True;
            return true;
        }

        if (field.IsNumber && kind == JsonValueKind.Number)
        {
            return TryNumber(field, raw, "VALUE_NUMBER_FLOAT", out value, out error);
        }

        // Text fields take numbers and booleans as their JSON text, as Salesforce's reader does.
        var token = kind switch
        {
            JsonValueKind.String => "VALUE_STRING",
            JsonValueKind.Number => "VALUE_NUMBER_INT",
            _ => "VALUE_" + kind.ToString().ToUpperInvariant(),
        };
        return TryFromText(field, raw, token, out value, out error);
    }

    /// <summary>Reads a CSV cell (Bulk API 2.0); empty means null.</summary>
    public static bool TryFromCsv(SalesforceField field, string text, out object? value, out SalesforceError? error)
    {
        if (text.Length == 0)
        {
            value = field.Type == SalesforceFieldType.Boolean ? false : null;
            error = null;
            return true;
        }

        if (TryFromText(field, text, "VALUE_STRING", out value, out error))
        {
            return true;
        }

        error = new SalesforceError("INVALID_TYPE_ON_FIELD_IN_RECORD", $"{field.Label}: value not of required type: {text}", [field.Name]);
        return false;
    }

    private static bool TryFromText(SalesforceField field, string text, string token, out object? value, out SalesforceError? error)
    {
        value = null;
        error = null;
        switch (field.Type)
        {
            case SalesforceFieldType.Boolean:
                if (bool.TryParse(text.Trim(), out var flag))
                {
                    value = flag;
                    return true;
                }

                break;
            case SalesforceFieldType.Double or SalesforceFieldType.Int or SalesforceFieldType.Currency:
                return TryNumber(field, text, token, out value, out error);
            case SalesforceFieldType.Date:
                if (SalesforceValues.TryParseDate(text, out var date))
                {
                    value = date;
                    return true;
                }

                if (SalesforceValues.TryParseDateTime(text, out var dateTime))
                {
                    value = DateOnly.FromDateTime(dateTime.UtcDateTime);
                    return true;
                }

                break;
            case SalesforceFieldType.DateTime:
                if (SalesforceValues.TryParseDateTime(text, out var at))
                {
                    value = SalesforceValues.Truncate(at);
                    return true;
                }

                if (SalesforceValues.TryParseDate(text, out var day))
                {
                    value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    return true;
                }

                break;
            default:
                // Salesforce stores an empty text value as null.
                value = text.Length == 0 ? null : text;
                return true;
        }

        error = ParserError(field, token, text);
        return false;
    }

    private static bool TryNumber(SalesforceField field, string text, string token, out object? value, out SalesforceError? error)
    {
        value = null;
        error = null;
        if (!SalesforceValues.TryParseNumber(text, out var number) || (field.Type == SalesforceFieldType.Int && number != decimal.Truncate(number)))
        {
            error = ParserError(field, token, text);
            return false;
        }

        // Salesforce writes double and currency values with a fraction (90.0); adding 0.0m gives the decimal that scale.
        value = field.Type == SalesforceFieldType.Int ? number : number + 0.0m;
        return true;
    }

    /// <summary>The Jackson-style message Salesforce's JSON reader gives for a value of the wrong type.</summary>
    private static SalesforceError ParserError(SalesforceField field, string token, string raw)
    {
        var target = field.Type switch
        {
            SalesforceFieldType.Boolean => "boolean",
            SalesforceFieldType.Int => "int",
            SalesforceFieldType.Double or SalesforceFieldType.Currency => "double",
            SalesforceFieldType.Date => "date",
            SalesforceFieldType.DateTime => "datetime",
            _ => "string",
        };
        return new SalesforceError(
            "JSON_PARSER_ERROR",
            string.Create(CultureInfo.InvariantCulture, $"Cannot deserialize instance of {target} from {token} value {raw} or request may be missing a required field"));
    }
}
