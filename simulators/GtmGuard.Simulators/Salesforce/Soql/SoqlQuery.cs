namespace GtmGuard.Simulators.Salesforce.Soql;

/// <summary>A parsed <c>SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET]</c>, not yet checked against the schema.</summary>
internal sealed record SoqlQuery(
    string Text,
    SoqlSelect Select,
    SoqlName From,
    SoqlCondition? Where,
    IReadOnlyList<SoqlOrdering> OrderBy,
    int? Limit,
    int? Offset);

/// <summary>What the query selects: <c>COUNT()</c>, <c>FIELDS(ALL|STANDARD|CUSTOM)</c> or a field list.</summary>
internal sealed record SoqlSelect(bool IsCount, string? FieldsFunction, IReadOnlyList<SoqlName> Fields);

/// <summary>A name as written (possibly a dotted path) and where it starts in the query.</summary>
internal sealed record SoqlName(IReadOnlyList<string> Parts, int Offset)
{
    public string Text => string.Join('.', Parts);
}

internal sealed record SoqlOrdering(SoqlName Field, bool Descending, bool? NullsFirst);

/// <summary>A literal value: string, number, date, datetime, boolean or null.</summary>
internal sealed record SoqlLiteral(SoqlTokenKind Kind, object? Value, int Offset, string Text, string? LikePattern = null)
{
    public bool IsNull => Kind == SoqlTokenKind.Identifier && Value is null;

    public bool IsBoolean => Value is bool;
}

/// <summary>A WHERE condition tree.</summary>
internal abstract record SoqlCondition;

internal sealed record SoqlAnd(IReadOnlyList<SoqlCondition> Terms) : SoqlCondition;

internal sealed record SoqlOr(IReadOnlyList<SoqlCondition> Terms) : SoqlCondition;

internal sealed record SoqlNot(SoqlCondition Term) : SoqlCondition;

/// <summary><c>field op value</c> with op one of = != &lt; &gt; &lt;= &gt;= LIKE.</summary>
internal sealed record SoqlComparison(SoqlName Field, string Operator, SoqlLiteral Value, int OperatorOffset) : SoqlCondition;

/// <summary><c>field [NOT] IN (values…)</c>.</summary>
internal sealed record SoqlIn(SoqlName Field, IReadOnlyList<SoqlLiteral> Values, bool Negated) : SoqlCondition;
