using System.Net;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceCollectionTests : IAsyncLifetime
{
    private const string Collections = SalesforceTestHost.Data + "/composite/sobjects";

    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_MixedTypes_Returns200WithResultsInRequestOrder()
    {
        const string body = """
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Account"},"Name":"Acme"},
              {"attributes":{"type":"Contact"},"FirstName":"No last name"},
              {"attributes":{"type":"Lead"},"LastName":"L","Company":"C"}]}
            """;

        using var response = await _host.SendJsonAsync(HttpMethod.Post, Collections, body);
        var results = (await response.JsonAsync()).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("001", results[0]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(results[1]!["success"]!.GetValue<bool>());
        Assert.False(results[1]!.AsObject().ContainsKey("id"));
        Assert.Equal("REQUIRED_FIELD_MISSING", results[1]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("LastName", results[1]!["errors"]![0]!["fields"]![0]!.GetValue<string>());
        Assert.StartsWith("00Q", results[2]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, _host.Simulator.StateSummary()["Account"]);
    }

    [Fact]
    public async Task Create_AllOrNone_WhenOneFails_PersistsNothingAndRollsTheOthersBack()
    {
        const string body = """
            {"allOrNone":true,"records":[
              {"attributes":{"type":"Contact"},"LastName":"Good"},
              {"attributes":{"type":"Contact"},"LastName":"Bad","Email":"not-an-email"},
              {"attributes":{"type":"Contact"},"LastName":"Also good"}]}
            """;

        using var response = await _host.SendJsonAsync(HttpMethod.Post, Collections, body);
        var results = (await response.JsonAsync()).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(results, r => Assert.False(r!["success"]!.GetValue<bool>()));
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", results[0]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("INVALID_EMAIL_ADDRESS", results[1]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", results[2]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal(0, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Update_AllOrNone_RollsBackEarlierUpdates()
    {
        var first = await _host.CreateAsync("Contact", new { LastName = "First", Title = "Before" });
        var second = await _host.CreateAsync("Contact", new { LastName = "Second" });
        var body = $$"""
            {"allOrNone":true,"records":[
              {"attributes":{"type":"Contact"},"id":"{{first}}","Title":"After"},
              {"attributes":{"type":"Contact"},"id":"{{second}}","LastName":""}]}
            """;

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, Collections, body);
        var record = await (await _host.Http.GetAsync($"{SalesforceTestHost.Data}/sobjects/Contact/{first}")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Before", record["Title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithoutAllOrNone_KeepsTheSuccessfulItems()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Kept" });
        var body = $$"""
            {"records":[
              {"attributes":{"type":"Contact"},"id":"{{id}}","Title":"Updated"},
              {"attributes":{"type":"Contact"},"id":"003GT0000000999","Title":"x"},
              {"attributes":{"type":"Contact"},"id":"nope","Title":"x"},
              {"attributes":{"type":"Contact"},"Title":"no id"}]}
            """;

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, Collections, body);
        var results = (await response.JsonAsync()).AsArray();

        Assert.True(results[0]!["success"]!.GetValue<bool>());
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", results[1]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("MALFORMED_ID", results[2]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("MISSING_ARGUMENT", results[3]!["errors"]![0]!["statusCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_ReportsCreatedPerRecord()
    {
        await _host.CreateAsync("Contact", new { LastName = "Existing", External_Id__c = "e-1" });
        const string body = """
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Contact"},"External_Id__c":"e-1","Title":"Updated"},
              {"attributes":{"type":"Contact"},"External_Id__c":"e-2","LastName":"New"},
              {"attributes":{"type":"Contact"},"LastName":"No key"}]}
            """;

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, $"{Collections}/Contact/External_Id__c", body);
        var results = (await response.JsonAsync()).AsArray();

        Assert.False(results[0]!["created"]!.GetValue<bool>());
        Assert.True(results[0]!["success"]!.GetValue<bool>());
        Assert.True(results[1]!["created"]!.GetValue<bool>());
        Assert.Equal("MISSING_ARGUMENT", results[2]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal(2, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Upsert_SameKeyTwiceInOneRequest_FailsBothWithDuplicateExternalId()
    {
        const string body = """
            {"records":[
              {"attributes":{"type":"Contact"},"External_Id__c":"dup","LastName":"A"},
              {"attributes":{"type":"Contact"},"External_Id__c":"DUP","LastName":"B"}]}
            """;

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, $"{Collections}/Contact/External_Id__c", body);
        var results = (await response.JsonAsync()).AsArray();

        Assert.All(results, r => Assert.Equal("DUPLICATE_EXTERNAL_ID", r!["errors"]![0]!["statusCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Upsert_AllOrNone_RolledBackCreateStillReportsCreated()
    {
        const string body = """
            {"allOrNone":true,"records":[
              {"attributes":{"type":"Contact"},"External_Id__c":"n-1","LastName":"New"},
              {"attributes":{"type":"Contact"},"External_Id__c":"n-2","Email":"bad"}]}
            """;

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, $"{Collections}/Contact/External_Id__c", body);
        var results = (await response.JsonAsync()).AsArray();

        Assert.False(results[0]!["success"]!.GetValue<bool>());
        Assert.True(results[0]!["created"]!.GetValue<bool>());
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", results[0]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal(0, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Upsert_OnV45_IsNotAvailable()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Patch, "/services/data/v45.0/composite/sobjects/Contact/External_Id__c", """{"records":[]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Upsert_OnNonExternalIdField_Returns400InvalidField()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Patch, $"{Collections}/Contact/Email", """{"records":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_FIELD", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Create_MoreThan200Records_Returns400ExceededIdLimit()
    {
        var records = Enumerable.Range(0, 201).Select(i => (JsonNode)new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Contact" }, ["LastName"] = $"C{i}" });
        var body = new JsonObject { ["records"] = new JsonArray(records.ToArray()) };

        using var response = await _host.SendJsonAsync(HttpMethod.Post, Collections, body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("EXCEEDED_ID_LIMIT", await response.ErrorCodeAsync());
        Assert.Equal(0, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Create_WithUnknownType_Returns400InvalidType()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Post, Collections, """{"records":[{"attributes":{"type":"Widget__c"},"Name":"x"}]}""");

        Assert.Equal("INVALID_TYPE", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Delete_ReturnsPerIdResults()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Doomed" });

        using var response = await _host.Http.DeleteAsync($"{Collections}?ids={id},{id},003GT0000000999,garbage&allOrNone=false");
        var results = (await response.JsonAsync()).AsArray();

        Assert.True(results[0]!["success"]!.GetValue<bool>());
        Assert.Equal("ENTITY_IS_DELETED", results[1]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", results[2]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("MALFORMED_ID", results[3]!["errors"]![0]!["statusCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_AllOrNone_KeepsEverythingWhenOneIdFails()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Survivor" });

        using var response = await _host.Http.DeleteAsync($"{Collections}?ids={id},003GT0000000999&allOrNone=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Retrieve_ReturnsRecordsInIdOrderWithNullForMissing()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Here", Email = "here@x.co" });

        using var response = await _host.SendJsonAsync(HttpMethod.Post, $"{Collections}/Contact", $$"""{"ids":["003GT0000000999","{{id}}"],"fields":["Email"]}""");
        var results = (await response.JsonAsync()).AsArray();

        Assert.Null(results[0]);
        Assert.Equal("here@x.co", results[1]!["Email"]!.GetValue<string>());
        Assert.Equal(id, results[1]!["Id"]!.GetValue<string>());
    }
}
