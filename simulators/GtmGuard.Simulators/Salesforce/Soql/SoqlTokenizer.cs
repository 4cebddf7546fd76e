using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GtmGuard.Simulators.Salesforce.Soql;

/// <summary>Splits SOQL into tokens: identifiers, 'strings' with backslash escapes, numbers, date and datetime literals, operators.</summary>
internal static partial class SoqlTokenizer
{
    public static List<SoqlToken> Tokenize(string query)
    {
        var tokens = new List<SoqlToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Identifier, query[start..i], start));
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString(query, ref i));
            }
            else if (DateLiteral().Match(query, i) is { Success: true } date && date.Index == i)
            {
                tokens.Add(ReadDate(query, date, i));
                i += date.Length;
            }
            else if (char.IsAsciiDigit(c) || ((c is '-' or '+') && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1]) && SignAllowed(tokens)))
            {
                tokens.Add(ReadNumber(query, ref i));
            }
            else if (ReadSymbol(query, i) is { } symbol)
            {
                tokens.Add(symbol);
                i += symbol.Text.Length;
            }
            else
            {
                throw SoqlException.At("MALFORMED_QUERY", query, i, $"unexpected token: '{c}'");
            }
        }

        tokens.Add(new SoqlToken(SoqlTokenKind.End, string.Empty, query.Length));
        return tokens;
    }

    /// <summary>A sign starts a number only where a value is expected, not after a field or a closing parenthesis.</summary>
    private static bool SignAllowed(List<SoqlToken> tokens) =>
        tokens.Count == 0 || tokens[^1].Kind is SoqlTokenKind.Operator or SoqlTokenKind.Comma or SoqlTokenKind.LeftParen;

    private static SoqlToken ReadString(string query, ref int i)
    {
        var start = i++;
        var value = new StringBuilder();
        var pattern = new StringBuilder("^");
        while (i < query.Length && query[i] != '\'')
        {
            var c = query[i++];
            if (c != '\\')
            {
                value.Append(c);
                pattern.Append(c switch
                {
                    '%' => ".*",
                    '_' => ".",
                    _ => Regex.Escape(c.ToString()),
                });
                continue;
            }

            if (i >= query.Length)
            {
                break;
            }

            var escaped = query[i++];
            var literal = escaped switch
            {
                'n' or 'N' => '\n',
                'r' or 'R' => '\r',
                't' or 'T' => '\t',
                'b' or 'B' => '\b',
                'f' or 'F' => '\f',
                '\'' or '"' or '\\' or '%' or '_' => escaped,
                _ => throw SoqlException.At("MALFORMED_QUERY", query, i - 2, $"Invalid string literal '{query[start..Math.Min(query.Length, i)]}'. Illegal character sequence '\\{escaped}' in string literal."),
            };
            value.Append(literal);
            pattern.Append(Regex.Escape(literal.ToString()));
        }

        if (i >= query.Length)
        {
            throw SoqlException.At("MALFORMED_QUERY", query, start, $"unterminated string literal {query[start..]}");
        }

        i++;
        return new SoqlToken(SoqlTokenKind.String, query[start..i], start, value.ToString(), pattern.Append('$').ToString());
    }

    private static SoqlToken ReadDate(string query, Match match, int start)
    {
        var text = match.Value;
        if (match.Groups["time"].Success)
        {
            if (!SalesforceValues.TryParseDateTime(text, out var at))
            {
                throw SoqlException.At("MALFORMED_QUERY", query, start, $"line 1:{start} no viable alternative at character '{text}'");
            }

            return new SoqlToken(SoqlTokenKind.DateTime, text, start, at);
        }

        if (!SalesforceValues.TryParseDate(text, out var date))
        {
            throw SoqlException.At("MALFORMED_QUERY", query, start, $"line 1:{start} no viable alternative at character '{text}'");
        }

        return new SoqlToken(SoqlTokenKind.Date, text, start, date);
    }

    private static SoqlToken ReadNumber(string query, ref int i)
    {
        var start = i++;
        while (i < query.Length && (char.IsAsciiDigit(query[i]) || query[i] == '.'))
        {
            i++;
        }

        var text = query[start..i];
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw SoqlException.At("MALFORMED_QUERY", query, start, $"unexpected token: '{text}'");
        }

        return new SoqlToken(SoqlTokenKind.Number, text, start, number);
    }

    private static SoqlToken? ReadSymbol(string query, int i)
    {
        var two = i + 1 < query.Length ? query.Substring(i, 2) : string.Empty;
        if (two is "!=" or "<>" or "<=" or ">=")
        {
            return new SoqlToken(SoqlTokenKind.Operator, two, i);
        }

        return query[i] switch
        {
            '=' or '<' or '>' => new SoqlToken(SoqlTokenKind.Operator, query[i].ToString(), i),
            ',' => new SoqlToken(SoqlTokenKind.Comma, ",", i),
            '(' => new SoqlToken(SoqlTokenKind.LeftParen, "(", i),
            ')' => new SoqlToken(SoqlTokenKind.RightParen, ")", i),
            '.' => new SoqlToken(SoqlTokenKind.Dot, ".", i),
            ':' => new SoqlToken(SoqlTokenKind.Colon, ":", i),
            _ => null,
        };
    }

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(?<time>T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2}))?(?![\w:.])", RegexOptions.CultureInvariant)]
    private static partial Regex DateLiteral();
}
