using System.Globalization;

namespace GtmGuard.Simulators.Salesforce.Soql;

/// <summary>
/// Recursive-descent parser for the SOQL subset clients send. Like Salesforce it refuses AND and OR mixed
/// at one level without parentheses, and names the token it did not expect.
/// </summary>
internal sealed class SoqlParser
{
    private static readonly string[] Unsupported = ["GROUP", "HAVING", "WITH", "FOR", "USING", "TYPEOF", "INCLUDES", "EXCLUDES"];
    private static readonly string[] Clauses = ["WHERE", "ORDER", "LIMIT", "OFFSET", .. Unsupported];

    private readonly string _query;
    private readonly List<SoqlToken> _tokens;
    private int _next;

    private SoqlParser(string query)
    {
        _query = query;
        _tokens = SoqlTokenizer.Tokenize(query);
    }

    public static SoqlQuery Parse(string query) => new SoqlParser(query).ParseQuery();

    private SoqlToken Current => _tokens[_next];

    private SoqlQuery ParseQuery()
    {
        if (!Current.Is("SELECT"))
        {
            // Salesforce gives no position when the text is not a query at all.
            throw new SoqlException("MALFORMED_QUERY", $"unexpected token: {Current.Display}");
        }

        _next++;
        var select = ParseSelect();
        Expect("FROM");
        var from = ParseName();
        var where = Accept("WHERE") ? ParseCondition() : null;
        var orderBy = new List<SoqlOrdering>();
        if (Accept("ORDER"))
        {
            Expect("BY");
            do
            {
                orderBy.Add(ParseOrdering());
            }
            while (AcceptKind(SoqlTokenKind.Comma));
        }

        var limit = Accept("LIMIT") ? ParseCount("LIMIT") : (int?)null;
        var offset = Accept("OFFSET") ? ParseCount("OFFSET") : (int?)null;
        if (Current.Kind != SoqlTokenKind.End)
        {
            throw UnexpectedCurrent();
        }

        return new SoqlQuery(_query, select, from, where, orderBy, limit, offset);
    }

    private SoqlSelect ParseSelect()
    {
        if (Current.Is("COUNT") && _tokens[_next + 1].Kind == SoqlTokenKind.LeftParen)
        {
            _next += 2;
            if (Current.Kind != SoqlTokenKind.RightParen)
            {
                throw NotSupported(Current.Offset, "COUNT(field) aggregate queries are not supported by the simulator; use COUNT()");
            }

            _next++;
            return new SoqlSelect(true, null, []);
        }

        if (Current.Is("FIELDS") && _tokens[_next + 1].Kind == SoqlTokenKind.LeftParen)
        {
            _next += 2;
            var function = Current;
            if (!(function.Is("ALL") || function.Is("STANDARD") || function.Is("CUSTOM")))
            {
                throw UnexpectedCurrent();
            }

            _next++;
            ExpectKind(SoqlTokenKind.RightParen);
            return new SoqlSelect(false, function.Text.ToUpperInvariant(), []);
        }

        var fields = new List<SoqlName>();
        do
        {
            if (Current.Kind == SoqlTokenKind.LeftParen)
            {
                throw NotSupported(Current.Offset, "relationship subqueries are not supported by the simulator");
            }

            fields.Add(ParseName());
        }
        while (AcceptKind(SoqlTokenKind.Comma));
        return new SoqlSelect(false, null, fields);
    }

    /// <summary>A condition list joined by only AND or only OR; mixing needs parentheses.</summary>
    private SoqlCondition ParseCondition()
    {
        var first = ParseUnary();
        if (!Current.Is("AND") && !Current.Is("OR"))
        {
            return first;
        }

        var joiner = Current.Text.ToUpperInvariant();
        var terms = new List<SoqlCondition> { first };
        while (Current.Is(joiner))
        {
            _next++;
            terms.Add(ParseUnary());
        }

        if (Current.Is("AND") || Current.Is("OR"))
        {
            throw UnexpectedCurrent();
        }

        return joiner == "AND" ? new SoqlAnd(terms) : new SoqlOr(terms);
    }

    private SoqlCondition ParseUnary()
    {
        if (Accept("NOT"))
        {
            return new SoqlNot(ParseUnary());
        }

        if (AcceptKind(SoqlTokenKind.LeftParen))
        {
            var inner = ParseCondition();
            ExpectKind(SoqlTokenKind.RightParen);
            return inner;
        }

        var field = ParseName();
        if (Accept("NOT"))
        {
            Expect("IN");
            return new SoqlIn(field, ParseList(), Negated: true);
        }

        if (Accept("IN"))
        {
            return new SoqlIn(field, ParseList(), Negated: false);
        }

        if (Current.Is("INCLUDES") || Current.Is("EXCLUDES"))
        {
            throw NotSupported(Current.Offset, $"{Current.Text.ToUpperInvariant()} on multi-select picklists is not supported by the simulator");
        }

        var op = Current;
        if (op.Kind != SoqlTokenKind.Operator && !op.Is("LIKE"))
        {
            throw UnexpectedCurrent();
        }

        _next++;
        return new SoqlComparison(field, op.Kind == SoqlTokenKind.Operator ? op.Text : "LIKE", ParseLiteral(), op.Offset);
    }

    private List<SoqlLiteral> ParseList()
    {
        ExpectKind(SoqlTokenKind.LeftParen);
        if (Current.Is("SELECT"))
        {
            throw NotSupported(Current.Offset, "semi-join subqueries are not supported by the simulator");
        }

        var values = new List<SoqlLiteral>();
        do
        {
            values.Add(ParseLiteral());
        }
        while (AcceptKind(SoqlTokenKind.Comma));
        ExpectKind(SoqlTokenKind.RightParen);
        return values;
    }

    private SoqlLiteral ParseLiteral()
    {
        var token = Current;
        _next++;
        switch (token.Kind)
        {
            case SoqlTokenKind.String or SoqlTokenKind.Number or SoqlTokenKind.Date or SoqlTokenKind.DateTime:
                return new SoqlLiteral(token.Kind, token.Value, token.Offset, token.Text, token.LikePattern);
            case SoqlTokenKind.Identifier when token.Is("NULL"):
                return new SoqlLiteral(SoqlTokenKind.Identifier, null, token.Offset, token.Text);
            case SoqlTokenKind.Identifier when token.Is("TRUE") || token.Is("FALSE"):
                return new SoqlLiteral(SoqlTokenKind.Identifier, token.Is("TRUE"), token.Offset, token.Text);
            case SoqlTokenKind.Identifier when token.Text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'):
                throw NotSupported(token.Offset, $"date literal {token.Text} is not supported by the simulator; use a value such as 2026-01-31T00:00:00Z");
            default:
                _next--;
                throw UnexpectedCurrent();
        }
    }

    private SoqlOrdering ParseOrdering()
    {
        var field = ParseName();
        var descending = Accept("DESC");
        if (!descending)
        {
            _ = Accept("ASC");
        }

        bool? nullsFirst = null;
        if (Accept("NULLS"))
        {
            if (Accept("FIRST"))
            {
                nullsFirst = true;
            }
            else
            {
                Expect("LAST");
                nullsFirst = false;
            }
        }

        return new SoqlOrdering(field, descending, nullsFirst);
    }

    private int ParseCount(string clause)
    {
        var token = Current;
        if (token.Kind != SoqlTokenKind.Number || token.Value is not decimal value || value < 0 || value != decimal.Truncate(value) || value > int.MaxValue)
        {
            throw token.Kind == SoqlTokenKind.End ? UnexpectedCurrent() : SoqlException.At("MALFORMED_QUERY", _query, token.Offset, $"{clause} must be a non-negative integer, found {token.Display}");
        }

        _next++;
        return (int)value;
    }

    private SoqlName ParseName()
    {
        var token = Current;
        if (token.Kind != SoqlTokenKind.Identifier || IsReserved(token))
        {
            throw IsUnsupported(token) ? NotSupported(token.Offset, $"{token.Text.ToUpperInvariant()} is not supported by the simulator") : UnexpectedCurrent();
        }

        var parts = new List<string> { token.Text };
        _next++;
        while (Current.Kind == SoqlTokenKind.Dot && _tokens[_next + 1].Kind == SoqlTokenKind.Identifier)
        {
            parts.Add(_tokens[_next + 1].Text);
            _next += 2;
        }

        return new SoqlName(parts, token.Offset);
    }

    private static bool IsReserved(SoqlToken token) =>
        token.Is("SELECT") || token.Is("FROM") || token.Is("AND") || token.Is("OR") || token.Is("NOT") || token.Is("NULL") || token.Is("TRUE") || token.Is("FALSE")
        || token.Is("LIKE") || token.Is("IN") || token.Is("BY") || Clauses.Any(token.Is);

    private static bool IsUnsupported(SoqlToken token) => Unsupported.Any(token.Is);

    private bool Accept(string keyword)
    {
        if (!Current.Is(keyword))
        {
            return false;
        }

        _next++;
        return true;
    }

    private bool AcceptKind(SoqlTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _next++;
        return true;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
        {
            throw IsUnsupported(Current) ? NotSupported(Current.Offset, $"{Current.Text.ToUpperInvariant()} is not supported by the simulator") : UnexpectedCurrent();
        }
    }

    private void ExpectKind(SoqlTokenKind kind)
    {
        if (!AcceptKind(kind))
        {
            throw UnexpectedCurrent();
        }
    }

    private SoqlException UnexpectedCurrent() =>
        IsUnsupported(Current)
            ? NotSupported(Current.Offset, $"{Current.Text.ToUpperInvariant()} is not supported by the simulator")
            : SoqlException.At("MALFORMED_QUERY", _query, Current.Offset, $"unexpected token: {Current.Display}");

    /// <summary>Valid SOQL the simulator does not implement; still MALFORMED_QUERY so clients see a vendor-shaped 400.</summary>
    private SoqlException NotSupported(int offset, string what) =>
        SoqlException.At("MALFORMED_QUERY", _query, offset, string.Create(CultureInfo.InvariantCulture, $"{what}."));
}
