using System.Globalization;
using System.Xml.Linq;
using GtmGuard.Contracts.Findings;

namespace GtmGuard.Contracts.Reports;

/// <summary>
/// JUnit XML for CI: a test suite per vendor, a test case per operation looked at; breaking findings are failures,
/// additive and info findings go to the case's system-out.
/// </summary>
internal static class JUnitReport
{
    public static void Write(ContractReport report, TextWriter output)
    {
        var cases = report.Operations.Select(o => (o.Vendor, o.Operation))
            .Concat(report.Findings.Select(f => (f.Vendor, f.Operation)))
            .Distinct()
            .GroupBy(c => c.Vendor, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var suites = new XElement("testsuites", new XAttribute("name", report.Title));
        var totalTests = 0;
        var totalFailures = 0;
        foreach (var vendor in cases)
        {
            var suite = new XElement("testsuite", new XAttribute("name", $"{report.Title} {vendor.Key}"));
            var failures = 0;
            foreach (var (_, operation) in vendor.OrderBy(c => c.Operation, StringComparer.Ordinal))
            {
                var findings = report.Findings.Where(f => f.Vendor == vendor.Key && f.Operation == operation).ToList();
                var testCase = new XElement("testcase", new XAttribute("classname", $"contracts.{vendor.Key}"), new XAttribute("name", operation));
                var breaking = findings.Where(f => f.Severity == Severity.Breaking).ToList();
                if (breaking.Count > 0)
                {
                    failures++;
                    testCase.Add(new XElement(
                        "failure",
                        new XAttribute("message", $"{breaking.Count} breaking finding(s): {breaking[0].Message}"),
                        new XAttribute("type", breaking[0].Kind.ToString()),
                        string.Join('\n', breaking.Select(Line))));
                }

                var other = findings.Where(f => f.Severity != Severity.Breaking).ToList();
                if (other.Count > 0)
                {
                    testCase.Add(new XElement("system-out", string.Join('\n', other.Select(Line))));
                }

                suite.Add(testCase);
            }

            var tests = suite.Elements("testcase").Count();
            suite.Add(new XAttribute("tests", tests), new XAttribute("failures", failures), new XAttribute("errors", 0));
            totalTests += tests;
            totalFailures += failures;
            suites.Add(suite);
        }

        suites.Add(new XAttribute("tests", totalTests), new XAttribute("failures", totalFailures), new XAttribute("errors", 0));
        output.WriteLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        output.WriteLine(suites.ToString());
    }

    private static string Line(Finding f) =>
        string.Create(CultureInfo.InvariantCulture, $"[{f.Severity.ToString().ToLowerInvariant()}] {f.Kind} {f.Location} {f.Path}: {f.Message} (x{f.Count}{(f.Source is null ? string.Empty : ", first in " + f.Source)})");
}
