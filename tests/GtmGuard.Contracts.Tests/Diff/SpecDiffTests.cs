using GtmGuard.Contracts.Diff;
using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Reports;
using GtmGuard.Contracts.Snapshots;
using GtmGuard.Contracts.Tests.Snapshots;
using GtmGuard.Contracts.Tests.Validation;

namespace GtmGuard.Contracts.Tests.Diff;

public sealed class SpecDiffTests
{
    private static Task<ContractSnapshot> Salesforce(string version) =>
        SnapshotLoader.LoadFileAsync(Path.Combine(RepoPaths.Contracts, "salesforce", $"v{version}.openapi.json"));

    private static async Task<ContractReport> DiffAsync(Func<string, string> change)
    {
        var old = await SnapshotLoader.LoadJsonAsync(TestSnapshot.Json, "old.openapi.json", "acme");
        var @new = await SnapshotLoader.LoadJsonAsync(change(TestSnapshot.Json), "new.openapi.json", "acme");
        return SpecDiff.Compare(old, @new);
    }

    [Fact]
    public async Task Salesforce45To62_ReportsTheUpsertUpdateStatusChange_AsBreaking()
    {
        var report = SpecDiff.Compare(await Salesforce("45.0"), await Salesforce("62.0"));

        var change = Assert.Single(report.Findings, f => f.Kind == FindingKind.StatusCodeChanged);
        Assert.Equal((Severity.Breaking, "sobjects.upsert"), (change.Severity, change.Operation));
        Assert.Contains("204 became 200", change.Message, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.FieldAdded, Operation: "sobjects.upsert", Path: "$.created", Severity: Severity.Additive });
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.OperationAdded, Operation: "collections.upsert" });
        Assert.Equal(ContractReport.ExitBreaking, report.ExitCode());
    }

    [Fact]
    public async Task Salesforce62To45_ReportsTheLostOperationAndField_AsBreaking()
    {
        var report = SpecDiff.Compare(await Salesforce("62.0"), await Salesforce("45.0"));

        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.OperationRemoved, Operation: "collections.upsert", Severity: Severity.Breaking });
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.FieldRemoved, Path: "$.created", Severity: Severity.Breaking });
    }

    [Fact]
    public async Task ASnapshotAgainstItself_IsClean()
    {
        var report = SpecDiff.Compare(await Salesforce("62.0"), await Salesforce("62.0"));

        Assert.Empty(report.Findings);
        Assert.Equal(ContractReport.ExitClean, report.ExitCode());
    }

    [Fact]
    public async Task ResponseFieldRemovedOrRetyped_IsBreaking()
    {
        var report = await DiffAsync(json => json
            .Replace("\"count\": { \"type\": \"integer\" },", string.Empty, StringComparison.Ordinal)
            .Replace("\"name\": { \"type\": \"string\" },", "\"name\": { \"type\": \"integer\" },", StringComparison.Ordinal));

        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.FieldRemoved, Path: "$.count", Severity: Severity.Breaking });
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.TypeChanged, Path: "$.name", Severity: Severity.Breaking });
    }

    [Fact]
    public async Task EnumValueRemoved_IsBreaking_AndAdded_IsAdditive()
    {
        var report = await DiffAsync(json => json.Replace("\"enum\": [\"a\", \"b\"]", "\"enum\": [\"a\", \"c\"]", StringComparison.Ordinal));

        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.EnumValueRemoved, Path: "$.kind", Severity: Severity.Breaking });
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.EnumValueAdded, Path: "$.kind", Severity: Severity.Additive });
    }

    [Fact]
    public async Task ParameterAddedAsRequired_OrMadeRequired_IsBreaking()
    {
        var report = await DiffAsync(json => json.Replace(
            "\"parameters\": [ { \"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": { \"type\": \"string\" } } ]",
            "\"parameters\": [ { \"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": { \"type\": \"string\" } }, { \"name\": \"tenant\", \"in\": \"query\", \"required\": true, \"schema\": { \"type\": \"string\" } } ]",
            StringComparison.Ordinal));

        var added = Assert.Single(report.Findings);
        Assert.Equal((FindingKind.ParameterAdded, Severity.Breaking), (added.Kind, added.Severity));
    }

    [Fact]
    public async Task AHeaderRenamedOnlyInCase_IsNoChange_WhileAQueryParameterRenamedInCaseStillIs()
    {
        const string before = "\"parameters\": [ { \"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": { \"type\": \"string\" } } ]";
        static string With(string name, string location) =>
            $"\"parameters\": [ {{ \"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": {{ \"type\": \"string\" }} }}, {{ \"name\": \"{name}\", \"in\": \"{location}\", \"required\": true, \"schema\": {{ \"type\": \"string\" }} }} ]";
        var old = await SnapshotLoader.LoadJsonAsync(TestSnapshot.Json.Replace(before, With("X-Workspace-Id", "header"), StringComparison.Ordinal), "old.openapi.json", "acme");

        var header = SpecDiff.Compare(old, await SnapshotLoader.LoadJsonAsync(TestSnapshot.Json.Replace(before, With("x-workspace-id", "header"), StringComparison.Ordinal), "new.openapi.json", "acme"));
        var oldQuery = await SnapshotLoader.LoadJsonAsync(TestSnapshot.Json.Replace(before, With("Tenant", "query"), StringComparison.Ordinal), "old.openapi.json", "acme");
        var query = SpecDiff.Compare(oldQuery, await SnapshotLoader.LoadJsonAsync(TestSnapshot.Json.Replace(before, With("tenant", "query"), StringComparison.Ordinal), "new.openapi.json", "acme"));

        Assert.Empty(header.Findings);
        Assert.Contains(query.Findings, f => f is { Kind: FindingKind.ParameterRemoved, Severity: Severity.Breaking });
    }

    [Fact]
    public async Task ChangesInsideAnAllOfBase_AreFound_AsIfTheFieldsWereInline()
    {
        const string inline = "\"schema\": { \"$ref\": \"#/components/schemas/Thing\" } } }";
        const string composed = "\"schema\": { \"allOf\": [ { \"$ref\": \"#/components/schemas/Thing\" }, { \"type\": \"object\", \"properties\": { \"extra\": { \"type\": \"string\" } } } ] } } }";
        Assert.Contains(inline, TestSnapshot.Json, StringComparison.Ordinal);
        var oldJson = TestSnapshot.Json.Replace(inline, composed, StringComparison.Ordinal);
        var newJson = oldJson
            .Replace("\"required\": [\"id\", \"name\", \"kind\", \"tags\", \"owner\"]", "\"required\": [\"id\", \"kind\", \"tags\", \"owner\"]", StringComparison.Ordinal)
            .Replace("\"name\": { \"type\": \"string\" },", string.Empty, StringComparison.Ordinal)
            .Replace("\"id\": { \"type\": \"string\" },", "\"id\": { \"type\": \"integer\" },", StringComparison.Ordinal)
            .Replace("\"kind\": { \"type\": \"string\", \"enum\": [\"a\", \"b\"] },", "\"kind\": { \"type\": \"string\" },", StringComparison.Ordinal);

        var report = SpecDiff.Compare(
            await SnapshotLoader.LoadJsonAsync(oldJson, "old.openapi.json", "acme"),
            await SnapshotLoader.LoadJsonAsync(newJson, "new.openapi.json", "acme"));

        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.FieldRemoved, Path: "$.name", Severity: Severity.Breaking });
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.TypeChanged, Path: "$.id", Severity: Severity.Breaking });
        // A closed enum dropped from a response field: readers may now meet values outside the old set.
        Assert.Contains(report.Findings, f => f is { Path: "$.kind", Severity: Severity.Breaking });
    }

    [Fact]
    public async Task AOneOfVariantAddedToAResponse_IsBreaking()
    {
        const string inline = "\"schema\": { \"$ref\": \"#/components/schemas/Thing\" } } }";
        Assert.Contains(inline, TestSnapshot.Json, StringComparison.Ordinal);
        static string Variants(string more) =>
            $"\"schema\": {{ \"oneOf\": [ {{ \"$ref\": \"#/components/schemas/Thing\" }}{more} ] }} }} }}";

        var report = SpecDiff.Compare(
            await SnapshotLoader.LoadJsonAsync(TestSnapshot.Json.Replace(inline, Variants(", { \"type\": \"integer\" }"), StringComparison.Ordinal), "old.openapi.json", "acme"),
            await SnapshotLoader.LoadJsonAsync(TestSnapshot.Json.Replace(inline, Variants(", { \"type\": \"integer\" }, { \"type\": \"string\" }"), StringComparison.Ordinal), "new.openapi.json", "acme"));

        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingKind.TypeChanged, Severity.Breaking, "oneOf has 1 more variant(s)"), (finding.Kind, finding.Severity, finding.Message));
    }

    [Fact]
    public async Task WebhookRemoved_IsBreaking()
    {
        var report = await DiffAsync(json => json.Replace("\"thing.changed\": {", "\"thing.updated\": {", StringComparison.Ordinal));

        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.OperationRemoved, Operation: "webhook:thing.changed", Severity: Severity.Breaking });
        Assert.Contains(report.Findings, f => f is { Kind: FindingKind.OperationAdded, Operation: "webhook:thing.updated", Severity: Severity.Additive });
    }

    [Fact]
    public async Task ResponseFieldBecomingNullable_IsBreaking()
    {
        var report = await DiffAsync(json => json.Replace("\"id\": { \"type\": \"string\" },", "\"id\": { \"type\": [\"string\", \"null\"] },", StringComparison.Ordinal));

        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingKind.NullabilityLoosened, Severity.Breaking, "$.id"), (finding.Kind, finding.Severity, finding.Path));
    }
}
