using GtmGuard.Sync.Vendors.Salesforce;

namespace GtmGuard.Sync.Tests.Vendors.Salesforce;

public sealed class SalesforceCsvTests
{
    [Fact]
    public void Write_QuotesCommasQuotesAndNewlines_AndReadGivesThemBack()
    {
        var csv = SalesforceCsv.Write(["External_Id__c", "Title"], [["e1", "CEO, \"Founder\""], ["e2", "line\nbreak"], ["e3", null]]);

        var rows = SalesforceCsv.Read(csv);

        Assert.Equal("External_Id__c,Title\ne1,\"CEO, \"\"Founder\"\"\"\ne2,\"line\nbreak\"\ne3,\n", csv);
        Assert.Equal(["CEO, \"Founder\"", "line\nbreak", string.Empty], rows.Select(r => r["Title"]));
    }

    [Fact]
    public void Read_CrLfAndByteOrderMark_AreTolerated()
    {
        var rows = SalesforceCsv.Read("\uFEFF\"sf__Id\",\"sf__Created\",External_Id__c\r\n003A,true,e1\r\n003B,false,e2\r\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal("003A", rows[0]["sf__Id"]);
        Assert.Equal("false", rows[1]["sf__Created"]);
    }

    [Fact]
    public void Cell_NullSetsTheFieldToNull_ValuesAreInvariant()
    {
        Assert.Equal("#N/A", SalesforceRecords.Cell(null));
        Assert.Equal("true", SalesforceRecords.Cell(true));
        Assert.Equal("12.5", SalesforceRecords.Cell(12.5));
        Assert.Equal("2026-11-27T09:00:00.000Z", SalesforceRecords.Cell(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1))));
    }
}
