using System.Text.RegularExpressions;

namespace GtmGuard.Simulators.Salesforce.Soql;

/// <summary>
/// Checks a parsed query against the schema (INVALID_TYPE, INVALID_FIELD, filter values of the wrong type)
/// and turns it into a <see cref="SoqlPlan"/>.
/// </summary>
internal sealed class SoqlBinder
{
    private const int MaxOffset = 2000;
    private const int MaxFieldsFunctionLimit = 200;

    private readonly SoqlQuery _query;
    private readonly SalesforceObjectType _type;

    private SoqlBinder(SoqlQuery query, SalesforceObjectType type)
    {
        _query = query;
        _type = type;
    }

    public static SoqlPlan Bind(SoqlQuery query, SalesforceSchema schema)
    {
        if (query.From.Parts.Count > 1 || schema.Find(query.From.Text) is not { } type)
        {
            throw SoqlException.At("INVALID_TYPE", query.Text, query.From.Offset,
                $"sObject type '{query.From.Text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        }

        return new SoqlBinder(query, type).Bind();
    }

    private SoqlPlan Bind()
    {
        if (_query.Offset > MaxOffset)
        {
            throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", $"Maximum SOQL offset allowed is {MaxOffset}");
        }

        if (_query.Select.FieldsFunction is "ALL" or "CUSTOM" && (_query.Limit is null || _query.Limit > MaxFieldsFunctionLimit))
        {
            throw new SoqlException("MALFORMED_QUERY", $"The SOQL FIELDS function must have a LIMIT of at most {MaxFieldsFunctionLimit}");
        }

        var fields = _query.Select.FieldsFunction switch
        {
            "ALL" => _type.Fields.ToList(),
            "STANDARD" => _type.Fields.Where(f => !f.Custom).ToList(),
            "CUSTOM" => _type.Fields.Where(f => f.Custom).ToList(),
            _ => _query.Select.Fields.Select(Field).Distinct().ToList(),
        };
        return new SoqlPlan
        {
            Type = _type,
            IsCount = _query.Select.IsCount,
            Fields = fields,
            Filter = _query.Where is null ? _ => true : Condition(_query.Where),
            Order = _query.OrderBy.Count == 0 ? null : new SoqlRecordComparer(_query.OrderBy.Select(o => (Field(o.Field), o.Descending, o.NullsFirst ?? !o.Descending)).ToList()),
            Limit = _query.Limit,
            Offset = _query.Offset ?? 0,
        };
    }

    private SalesforceField Field(SoqlName name)
    {
        if (name.Parts.Count > 1)
        {
            // A path like Account.Name; plain type-qualified names (Contact.Email) are allowed.
            if (name.Parts.Count == 2 && string.Equals(name.Parts[0], _type.Name, StringComparison.OrdinalIgnoreCase) && _type.Field(name.Parts[1]) is { } qualified)
            {
                return qualified;
            }

            throw SoqlException.At("INVALID_FIELD", _query.Text, name.Offset,
                $"Didn't understand relationship '{name.Parts[0]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
        }

        return _type.Field(name.Parts[0])
            ?? throw SoqlException.At("INVALID_FIELD", _query.Text, name.Offset, SalesforceRecordJson.NoSuchColumn(name.Text, _type.Name));
    }

    private Func<SalesforceRecord, bool> Condition(SoqlCondition condition)
    {
        switch (condition)
        {
            case SoqlAnd and:
                var all = and.Terms.Select(Condition).ToList();
                return r => all.TrueForAll(t => t(r));
            case SoqlOr or:
                var any = or.Terms.Select(Condition).ToList();
                return r => any.Exists(t => t(r));
            case SoqlNot not:
                var inner = Condition(not.Term);
                return r => !inner(r);
            case SoqlIn @in:
                var field = Field(@in.Field);
                var values = @in.Values.Select(v => Value(field, v, "IN")).ToList();
                return r => values.Exists(v => SoqlValueTests.AreEqual(r[field.Name], v)) != @in.Negated;
            case SoqlComparison comparison:
                return Comparison(comparison);
            default:
                throw new InvalidOperationException("Unknown condition node.");
        }
    }

    private Func<SalesforceRecord, bool> Comparison(SoqlComparison comparison)
    {
        var field = Field(comparison.Field);
        var op = comparison.Operator;
        if (op == "LIKE")
        {
            if (!field.IsText || comparison.Value.Kind != SoqlTokenKind.String)
            {
                throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _query.Text, comparison.OperatorOffset, $"invalid operator on field '{field.Name}': LIKE works on text fields with a 'quoted' pattern");
            }

            // Non-backtracking: a pattern of many '%' runs in linear time instead of stalling the store's lock.
            var pattern = new Regex(comparison.Value.LikePattern!, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            return r => r[field.Name] is { } v && pattern.IsMatch(SalesforceValues.Text(v));
        }

        var value = Value(field, comparison.Value, op);
        if (value is null && op is not ("=" or "!=" or "<>"))
        {
            throw SoqlException.At("MALFORMED_QUERY", _query.Text, comparison.Value.Offset, $"invalid operator on null: {op} null is not allowed; use = null or != null");
        }

        if (field.Type == SalesforceFieldType.Boolean && op is not ("=" or "!=" or "<>"))
        {
            throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _query.Text, comparison.OperatorOffset, $"invalid operator on boolean field: {op}");
        }

        return op switch
        {
            "=" => r => SoqlValueTests.AreEqual(r[field.Name], value),
            "!=" or "<>" => r => !SoqlValueTests.AreEqual(r[field.Name], value),
            "<" => r => SoqlValueTests.Compare(r[field.Name], value) is < 0,
            "<=" => r => SoqlValueTests.Compare(r[field.Name], value) is <= 0,
            ">" => r => SoqlValueTests.Compare(r[field.Name], value) is > 0,
            _ => r => SoqlValueTests.Compare(r[field.Name], value) is >= 0,
        };
    }

    /// <summary>Converts a literal to the field's stored type; a literal of the wrong kind is Salesforce's filter error.</summary>
    private object? Value(SalesforceField field, SoqlLiteral literal, string op)
    {
        if (literal.IsNull)
        {
            return null;
        }

        var (ok, expected, quoted) = field.Type switch
        {
            SalesforceFieldType.Boolean => (literal.IsBoolean, "boolean", false),
            SalesforceFieldType.Double or SalesforceFieldType.Int or SalesforceFieldType.Currency => (literal.Kind == SoqlTokenKind.Number, "double", false),
            SalesforceFieldType.Date => (literal.Kind == SoqlTokenKind.Date, "date", false),
            SalesforceFieldType.DateTime => (literal.Kind == SoqlTokenKind.DateTime, "dateTime", false),
            _ => (literal.Kind == SoqlTokenKind.String, "string", true),
        };
        if (!ok)
        {
            var hint = quoted ? "and should be enclosed in quotes" : "and should not be enclosed in quotes";
            throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _query.Text, literal.Offset, $"value of filter criterion for field '{field.Name}' must be of type {expected} {hint}");
        }

        if (field.Type is SalesforceFieldType.Id or SalesforceFieldType.Reference && literal.Value is string text)
        {
            // Ids compare in their 18-character form, so a 15-character literal finds the record too.
            return SalesforceIds.TryNormalize(text, out var id)
                ? id
                : throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _query.Text, literal.Offset, $"invalid ID field: {text}");
        }

        return literal.Value;
    }
}
