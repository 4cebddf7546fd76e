using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Validation;

namespace GtmGuard.Contracts.Tests.Validation;

public sealed class ContractCheckerTests
{
    private static async Task<IReadOnlyList<Finding>> CheckAsync(RecordedExchange exchange) =>
        new ContractChecker(await TestSnapshot.LoadAsync()).Check(exchange).Findings;

    private static async Task<Finding> SingleAsync(string body)
    {
        var findings = await CheckAsync(TestSnapshot.Response(body));
        return Assert.Single(findings);
    }

    [Fact]
    public async Task AValidPayload_HasNoFindings()
    {
        Assert.Empty(await CheckAsync(TestSnapshot.Response(TestSnapshot.Valid)));
    }

    [Fact]
    public async Task RequiredFieldMissing_IsBreaking()
    {
        var finding = await SingleAsync(TestSnapshot.With("name", null));

        Assert.Equal((FindingKind.RequiredFieldMissing, Severity.Breaking, "$.name"), (finding.Kind, finding.Severity, finding.Path));
    }

    [Fact]
    public async Task TypeChanged_IsBreaking()
    {
        var finding = await SingleAsync(TestSnapshot.With("count", "\"3\""));

        Assert.Equal((FindingKind.TypeChanged, Severity.Breaking, "$.count"), (finding.Kind, finding.Severity, finding.Path));
    }

    [Fact]
    public async Task NullWhereNotNullable_IsBreakingNullabilityTightened()
    {
        var finding = await SingleAsync(TestSnapshot.With("name", "null"));

        Assert.Equal((FindingKind.NullabilityTightened, Severity.Breaking), (finding.Kind, finding.Severity));
    }

    [Fact]
    public async Task NullWhereNullable_IsFine()
    {
        Assert.Empty(await CheckAsync(TestSnapshot.Response(TestSnapshot.With("note", "null"))));
    }

    [Fact]
    public async Task UnknownValueOfAClosedEnum_IsBreaking()
    {
        var finding = await SingleAsync(TestSnapshot.With("kind", "\"c\""));

        Assert.Equal((FindingKind.EnumValueUnknown, Severity.Breaking, "$.kind"), (finding.Kind, finding.Severity, finding.Path));
    }

    [Fact]
    public async Task NewValueOfAnOpenEnum_IsAdditive()
    {
        var finding = await SingleAsync(TestSnapshot.With("mood", "\"bored\""));

        Assert.Equal((FindingKind.EnumValueAdded, Severity.Additive, "$.mood"), (finding.Kind, finding.Severity, finding.Path));
    }

    [Fact]
    public async Task NewOptionalField_IsAdditive()
    {
        var finding = await SingleAsync(TestSnapshot.With("color", "\"red\""));

        Assert.Equal((FindingKind.FieldAdded, Severity.Additive, "$.color"), (finding.Kind, finding.Severity, finding.Path));
    }

    [Fact]
    public async Task FieldsOfAnOpenMap_AreNotNew()
    {
        Assert.Empty(await CheckAsync(TestSnapshot.Response(TestSnapshot.With("labels", """{"a":"1","b":"2"}"""))));
    }

    [Fact]
    public async Task RequiredFieldGoneAndNewFieldArrived_IsOneBreakingRename()
    {
        var finding = await SingleAsync(TestSnapshot.With("name", null).Replace("\"id\":\"1\"", "\"id\":\"1\",\"title\":\"n\"", StringComparison.Ordinal));

        Assert.Equal((FindingKind.FieldRenamed, Severity.Breaking, "$.name"), (finding.Kind, finding.Severity, finding.Path));
        Assert.Contains("'title'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArrayItemOfAnotherShape_IsBreakingArrayItemChanged()
    {
        var finding = await SingleAsync(TestSnapshot.With("tags", """["x", {"name":"y"}]"""));

        Assert.Equal((FindingKind.ArrayItemChanged, Severity.Breaking, "$.tags[1]"), (finding.Kind, finding.Severity, finding.Path));
    }

    [Fact]
    public async Task NestedFieldProblems_CarryTheirPath()
    {
        var finding = await SingleAsync(TestSnapshot.With("owner", """{"email":"not an email"}"""));

        Assert.Equal((FindingKind.FormatChanged, "$.owner.email"), (finding.Kind, finding.Path));
    }

    [Fact]
    public async Task UndocumentedStatus_IsBreaking_AndNamesTheDocumentedOnes()
    {
        var findings = await CheckAsync(TestSnapshot.Response(TestSnapshot.Valid, status: 201));

        var finding = Assert.Single(findings);
        Assert.Equal(FindingKind.StatusNotDocumented, finding.Kind);
        Assert.Contains("200, 204, 4XX", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatusRange_MatchesItsCodes()
    {
        Assert.Empty(await CheckAsync(TestSnapshot.Response("""{"message":"nope"}""", status: 404)));
    }

    [Fact]
    public async Task ANonJsonBody_IsAClearFinding_NotACrash()
    {
        var findings = await CheckAsync(TestSnapshot.Response("<html>502 Bad Gateway</html>", contentType: "text/html"));

        Assert.Contains(findings, f => f.Kind == FindingKind.NotJson && f.Message.Contains("<html>", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Kind == FindingKind.ContentTypeChanged);
    }

    [Fact]
    public async Task AnEmptyBodyWhereOneIsDocumented_IsBodyMissing()
    {
        var finding = Assert.Single(await CheckAsync(TestSnapshot.Response(string.Empty)));

        Assert.Equal(FindingKind.BodyMissing, finding.Kind);
    }

    [Fact]
    public async Task ABodyWhereNoneIsDocumented_IsAdditive()
    {
        var finding = Assert.Single(await CheckAsync(TestSnapshot.Response("{}", status: 204)));

        Assert.Equal((FindingKind.UnexpectedBody, Severity.Additive), (finding.Kind, finding.Severity));
    }

    [Fact]
    public async Task AnUnknownOperation_IsAnInfoFinding()
    {
        var finding = Assert.Single(await CheckAsync(TestSnapshot.Response("{}", path: "/widgets/1")));

        Assert.Equal((FindingKind.UnknownOperation, Severity.Info, "unknown"), (finding.Kind, finding.Severity, finding.Operation));
        Assert.Contains("GET /widgets/1", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequiredHeaders_AreCheckedWhenTheRecordingHasHeaders()
    {
        var missing = await CheckAsync(TestSnapshot.Response(TestSnapshot.Valid, headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" }));
        var retyped = await CheckAsync(TestSnapshot.Response(TestSnapshot.Valid, headers: new Dictionary<string, string> { ["X-Limit"] = "lots" }));

        Assert.Equal(FindingKind.HeaderMissing, Assert.Single(missing).Kind);
        Assert.Equal(FindingKind.HeaderChanged, Assert.Single(retyped).Kind);
    }

    [Fact]
    public async Task WebhookEvents_AreMatchedByTheirTypeField_OneByOne()
    {
        var delivery = new RecordedExchange
        {
            Source = "test",
            Vendor = "acme",
            IsWebhook = true,
            RequestBody = """[{"type":"thing.changed","value":"1"},{"type":"thing.changed","value":2},{"type":"thing.deleted"}]""",
        };

        var result = new ContractChecker(await TestSnapshot.LoadAsync()).Check(delivery);

        Assert.Contains(result.Findings, f => f is { Kind: FindingKind.TypeChanged, Path: "$[1].value", Operation: "webhook:thing.changed" });
        Assert.Contains(result.Findings, f => f is { Kind: FindingKind.UnknownOperation, Path: "$[2]" });
        Assert.Equal(2, result.Operations.Count(o => o.Operation == "webhook:thing.changed"));
    }

    [Fact]
    public async Task ANonJsonWebhookPayload_IsBreakingNotJson()
    {
        var delivery = new RecordedExchange { Source = "test", Vendor = "acme", IsWebhook = true, RequestBody = "event=1" };

        var finding = Assert.Single(new ContractChecker(await TestSnapshot.LoadAsync()).Check(delivery).Findings);

        Assert.Equal((FindingKind.NotJson, Severity.Breaking), (finding.Kind, finding.Severity));
    }

    [Fact]
    public async Task RepeatedFindings_FoldIntoOneRowWithACount()
    {
        var checker = new ContractChecker(await TestSnapshot.LoadAsync());
        var recording = Recording.Of([TestSnapshot.Response(TestSnapshot.With("count", "\"x\"")), TestSnapshot.Response(TestSnapshot.With("count", "\"y\""))]);

        var report = checker.Check(recording);

        var row = Assert.Single(report.Findings);
        Assert.Equal(2, row.Count);
        Assert.Equal(2, Assert.Single(report.Operations).Count);
    }
}
