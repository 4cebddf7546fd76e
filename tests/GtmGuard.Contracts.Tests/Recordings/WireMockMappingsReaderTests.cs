using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Tests.Conformance;
using GtmGuard.Contracts.Validation;

namespace GtmGuard.Contracts.Tests.Recordings;

public sealed class WireMockMappingsReaderTests
{
    [Fact]
    public async Task PinnedResponses_AreCheckedAgainstTheSnapshots_AndPatternsAreSkipped()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gtmguard-contracts-tests", "maps-" + Guid.NewGuid().ToString("N"), "hubspot")).FullName;
        File.WriteAllText(Path.Combine(folder, "pinned.json"), """
        [
          { "Request": { "Path": "/crm/v3/objects/contacts/42", "Methods": ["GET"] },
            "Response": { "StatusCode": 200, "BodyAsJson": { "id": "42", "properties": { "email": "pinned@example.com" }, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z", "archived": false } } },
          { "Request": { "Path": "/crm/v3/objects/contacts/43", "Methods": ["GET"] },
            "Response": { "StatusCode": 200, "BodyAsJson": { "id": 43, "properties": {} } } },
          { "Request": { "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/crm/v3/objects/contacts/*" } ] }, "Methods": ["GET"] },
            "Response": { "StatusCode": 200, "Body": "{}" } }
        ]
        """);

        var recording = WireMockMappingsReader.Read(folder, "hubspot");
        var report = new ContractChecker(await ConformanceHarness.Snapshots).Check(recording);

        Assert.Equal(2, recording.Exchanges.Count);
        Assert.Contains(recording.Problems, p => p.Message.Contains("path pattern", StringComparison.Ordinal));
        Assert.All(report.Findings.Where(f => f.Severity == Severity.Breaking), f => Assert.Equal("pinned.json#1", f.Source));
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.TypeChanged, Path: "$.id" });
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.RequiredFieldMissing, Path: "$.archived" });
    }
}
