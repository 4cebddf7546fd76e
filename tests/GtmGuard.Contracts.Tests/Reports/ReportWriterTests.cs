using System.Text.Json.Nodes;
using System.Xml.Linq;
using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Reports;

namespace GtmGuard.Contracts.Tests.Reports;

public sealed class ReportWriterTests
{
    private static ContractReport Report(params Severity[] severities) => new()
    {
        Title = "contracts check",
        Subject = "2 recorded exchange(s)",
        Findings = severities.Select((s, i) => new Finding(s, s == Severity.Breaking ? FindingKind.TypeChanged : FindingKind.FieldAdded, "hubspot", "contacts.read", "response 200", $"$.f{i}", $"message <{i}> & more") { Source = "a.json" }).ToList(),
        Operations = [new CheckedOperation("hubspot", "contacts.read", 2), new CheckedOperation("hubspot", "contacts.create", 1)],
    };

    [Theory]
    [InlineData(FailOn.Additive, new Severity[0], 0)]
    [InlineData(FailOn.Additive, new[] { Severity.Info }, 0)]
    [InlineData(FailOn.Additive, new[] { Severity.Additive }, 1)]
    [InlineData(FailOn.Additive, new[] { Severity.Additive, Severity.Breaking }, 2)]
    [InlineData(FailOn.Breaking, new[] { Severity.Additive }, 0)]
    [InlineData(FailOn.Breaking, new[] { Severity.Breaking }, 2)]
    [InlineData(FailOn.Never, new[] { Severity.Breaking }, 0)]
    public void ExitCode_FollowsTheFailOnMapping(FailOn failOn, Severity[] severities, int expected)
    {
        Assert.Equal(expected, Report(severities).ExitCode(failOn));
    }

    [Fact]
    public void JUnit_HasASuitePerVendor_ACasePerOperation_AndFailuresForBreaking()
    {
        var text = new StringWriter();

        ReportWriter.Write(Report(Severity.Breaking, Severity.Additive), ReportFormat.Junit, text);
        var xml = XDocument.Parse(text.ToString());

        var suite = Assert.Single(xml.Root!.Elements("testsuite"));
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var failing = suite.Elements("testcase").Single(c => c.Attribute("name")!.Value == "contacts.read");
        Assert.Equal("TypeChanged", failing.Element("failure")!.Attribute("type")!.Value);
        Assert.Contains("FieldAdded", failing.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Null(suite.Elements("testcase").Single(c => c.Attribute("name")!.Value == "contacts.create").Element("failure"));
    }

    [Fact]
    public void Json_CarriesTheSummaryExitCodeAndFindings()
    {
        var text = new StringWriter();

        ReportWriter.Write(Report(Severity.Breaking), ReportFormat.Json, text);
        var json = JsonNode.Parse(text.ToString())!;

        Assert.Equal(1, json["summary"]!["breaking"]!.GetValue<int>());
        Assert.Equal(2, json["exitCode"]!.GetValue<int>());
        Assert.Equal("typeChanged", json["findings"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("a.json", json["findings"]![0]!["source"]!.GetValue<string>());
    }

    [Fact]
    public void Table_SaysSoWhenClean_AndListsFindingsOtherwise()
    {
        var clean = new StringWriter();
        var dirty = new StringWriter();

        ReportWriter.Write(Report(), ReportFormat.Table, clean);
        ReportWriter.Write(Report(Severity.Breaking), ReportFormat.Table, dirty);

        Assert.Contains("No findings", clean.ToString(), StringComparison.Ordinal);
        Assert.Contains("breaking  TypeChanged", dirty.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 breaking, 0 additive, 0 info", dirty.ToString(), StringComparison.Ordinal);
    }
}
