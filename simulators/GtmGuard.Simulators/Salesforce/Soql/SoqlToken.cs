namespace GtmGuard.Simulators.Salesforce.Soql;

internal enum SoqlTokenKind
{
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Operator,
    Comma,
    LeftParen,
    RightParen,
    Dot,
    Colon,
    End,
}

/// <summary>One lexical token and its offset in the query; string tokens also carry their LIKE pattern.</summary>
internal sealed record SoqlToken(SoqlTokenKind Kind, string Text, int Offset, object? Value = null, string? LikePattern = null)
{
    /// <summary>True for an identifier spelled <paramref name="keyword"/>, ignoring case as SOQL does.</summary>
    public bool Is(string keyword) => Kind == SoqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How Salesforce quotes a token in "unexpected token" messages.</summary>
    public string Display => Kind == SoqlTokenKind.End ? "<EOF>" : $"'{Text}'";
}
