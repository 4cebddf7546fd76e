using GtmGuard.Simulators.Salesforce.Soql;

namespace GtmGuard.Simulators.Tests.Salesforce.Soql;

public sealed class SoqlParserTests
{
    [Fact]
    public void Parse_FullQuery_ReadsEveryClause()
    {
        var query = SoqlParser.Parse("select Id, Email from Contact where (Email like '%@x.com' or LastName = 'O\\'Hara') and Lead_Score__c >= 10 order by LastName desc nulls last, Id limit 5 offset 2");

        var where = Assert.IsType<SoqlAnd>(query.Where);
        var or = Assert.IsType<SoqlOr>(where.Terms[0]);
        var name = Assert.IsType<SoqlComparison>(or.Terms[1]);
        var score = Assert.IsType<SoqlComparison>(where.Terms[1]);
        Assert.Equal(["Id", "Email"], query.Select.Fields.Select(f => f.Text));
        Assert.Equal("Contact", query.From.Text);
        Assert.Equal("O'Hara", name.Value.Value);
        Assert.Equal(">=", score.Operator);
        Assert.Equal(10m, score.Value.Value);
        Assert.True(query.OrderBy[0].Descending);
        Assert.False(query.OrderBy[0].NullsFirst);
        Assert.Equal(5, query.Limit);
        Assert.Equal(2, query.Offset);
    }

    [Fact]
    public void Parse_CountAndNotIn_AreRecognised()
    {
        var query = SoqlParser.Parse("SELECT COUNT() FROM Lead WHERE Status NOT IN ('Closed', 'Dead') AND IsConverted = false AND Email != null");

        var and = Assert.IsType<SoqlAnd>(query.Where);
        var notIn = Assert.IsType<SoqlIn>(and.Terms[0]);
        Assert.True(query.Select.IsCount);
        Assert.True(notIn.Negated);
        Assert.Equal(["Closed", "Dead"], notIn.Values.Select(v => v.Value));
        Assert.Equal(false, Assert.IsType<SoqlComparison>(and.Terms[1]).Value.Value);
        Assert.True(Assert.IsType<SoqlComparison>(and.Terms[2]).Value.IsNull);
    }

    [Fact]
    public void Parse_DateTimeAndNegativeNumberLiterals_AreTyped()
    {
        var query = SoqlParser.Parse("SELECT Id FROM Contact WHERE LastModifiedDate > 2026-01-31T10:00:00Z AND Birthdate = 1990-05-01 AND Lead_Score__c > -1.5");

        var terms = Assert.IsType<SoqlAnd>(query.Where).Terms.Cast<SoqlComparison>().ToList();
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero), terms[0].Value.Value);
        Assert.Equal(new DateOnly(1990, 5, 1), terms[1].Value.Value);
        Assert.Equal(-1.5m, terms[2].Value.Value);
    }

    [Fact]
    public void Parse_AndMixedWithOrWithoutParentheses_IsMalformedAndPointsAtTheOperator()
    {
        var error = Assert.Throws<SoqlException>(() => SoqlParser.Parse("SELECT Id FROM Contact WHERE A = 'x' AND B = 'y' OR C = 'z'"));

        Assert.Equal("MALFORMED_QUERY", error.Code);
        Assert.Equal("\nSELECT Id FROM Contact WHERE A = 'x' AND B = 'y' OR C = 'z'\n" + new string(' ', 49) + "^\nERROR at Row:1:Column:50\nunexpected token: 'OR'", error.Message);
    }

    [Fact]
    public void Parse_TruncatedQuery_ReportsUnexpectedEof()
    {
        var error = Assert.Throws<SoqlException>(() => SoqlParser.Parse("SELECT Id FROM Contact WHERE"));

        Assert.EndsWith("ERROR at Row:1:Column:29\nunexpected token: <EOF>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextThatIsNotAQuery_ReportsTheFirstToken()
    {
        var error = Assert.Throws<SoqlException>(() => SoqlParser.Parse("invalid"));

        Assert.Equal("unexpected token: 'invalid'", error.Message);
    }

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE Name = 'open", "unterminated string literal")]
    [InlineData("SELECT Id FROM Contact WHERE Name = 'a\\qb'", "Illegal character sequence '\\q'")]
    [InlineData("SELECT Id FROM Contact LIMIT -1", "unexpected token: '-'")]
    [InlineData("SELECT Id FROM Contact LIMIT 1.5", "LIMIT must be a non-negative integer")]
    [InlineData("SELECT Id FROM Contact GROUP BY Email", "GROUP is not supported by the simulator")]
    [InlineData("SELECT Id FROM Contact WHERE CreatedDate = TODAY", "date literal TODAY is not supported")]
    [InlineData("SELECT Id FROM Contact WHERE Id IN (SELECT ContactId FROM Task)", "semi-join subqueries are not supported")]
    [InlineData("SELECT Id, FROM Contact", "unexpected token: 'FROM'")]
    [InlineData("SELECT Id FROM Contact;", "unexpected token: ';'")]
    public void Parse_BadQuery_SaysWhatIsWrong(string soql, string expected)
    {
        var error = Assert.Throws<SoqlException>(() => SoqlParser.Parse(soql));

        Assert.Equal("MALFORMED_QUERY", error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorOnSecondLine_ReportsRowAndColumn()
    {
        var error = Assert.Throws<SoqlException>(() => SoqlParser.Parse("SELECT Id\nFROM Contact WHERE = 1"));

        Assert.Equal("\nFROM Contact WHERE = 1\n                   ^\nERROR at Row:2:Column:20\nunexpected token: '='", error.Message);
    }

    [Fact]
    public void Tokenize_LikePattern_KeepsEscapedWildcardsLiteral()
    {
        var token = SoqlTokenizer.Tokenize("'50\\%_%'")[0];

        Assert.Equal("50%_%", token.Value);
        Assert.Equal("^50%..*$", token.LikePattern);
    }
}
