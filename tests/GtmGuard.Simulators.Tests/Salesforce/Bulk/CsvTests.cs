using GtmGuard.Simulators.Salesforce.Bulk;

namespace GtmGuard.Simulators.Tests.Salesforce.Bulk;

public sealed class CsvTests
{
    [Fact]
    public void Parse_QuotedFields_KeepDelimitersQuotesAndLineBreaks()
    {
        var records = Csv.Parse("Name,Note\r\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\nplain,\r\n", ',');

        Assert.Equal(3, records.Count);
        Assert.Equal(["Smith, J", "said \"hi\"\nthen left"], records[1]);
        Assert.Equal(["plain", ""], records[2]);
    }

    [Fact]
    public void Parse_OtherDelimiter_SplitsOnIt()
    {
        var records = Csv.Parse("a|b\n1,5|x", '|');

        Assert.Equal(["1,5", "x"], records[1]);
    }

    [Fact]
    public void Parse_LastLineWithoutBreak_IsARecord()
    {
        var records = Csv.Parse("a,b\n1,2", ',');

        Assert.Equal(["1", "2"], records[1]);
    }

    [Theory]
    [InlineData("a,\"open\n")]
    [InlineData("a,b\"c\n")]
    [InlineData("\"x\"y,z\n")]
    public void Parse_BrokenQuoting_Throws(string text)
    {
        Assert.Throws<FormatException>(() => Csv.Parse(text, ','));
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        IReadOnlyList<string>[] records = [["sf__Id", "Note"], ["003", "a \"quoted\", multi\r\nline value"]];

        var text = Csv.Write(records, ';', "\r\n");
        var parsed = Csv.Parse(text, ';');

        Assert.Equal("\"sf__Id\";\"Note\"\r\n", text[..text.IndexOf('\n', StringComparison.Ordinal)] + "\n");
        Assert.Equal(records[1], parsed[1]);
    }
}
