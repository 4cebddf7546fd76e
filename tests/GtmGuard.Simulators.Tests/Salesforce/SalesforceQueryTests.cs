using System.Net;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceQueryTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SalesforceTestHost.StartAsync();
        await _host.CreateAsync("Contact", new { FirstName = "Ada", LastName = "Lovelace", Email = "ada@math.org", Lead_Score__c = 90, HasOptedOutOfEmail = false });
        _host.Clock.Advance(TimeSpan.FromMinutes(30));
        await _host.CreateAsync("Contact", new { FirstName = "Grace", LastName = "Hopper", Email = "grace@navy.mil", Lead_Score__c = 75, HasOptedOutOfEmail = true });
        _host.Clock.Advance(TimeSpan.FromMinutes(30));
        await _host.CreateAsync("Contact", new { LastName = "O'Hara", Title = "50% off" });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Query_ReturnsSelectedFieldsWithAttributes()
    {
        var body = await QueryAsync("SELECT Id, Email FROM Contact WHERE LastName = 'lovelace'");

        var record = body["records"]![0]!.AsObject();
        Assert.Equal(1, body["totalSize"]!.GetValue<int>());
        Assert.True(body["done"]!.GetValue<bool>());
        Assert.Equal(["attributes", "Id", "Email"], record.Select(p => p.Key));
        Assert.Equal("Contact", record["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal("ada@math.org", record["Email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE Email LIKE '%.mil'", new[] { "Hopper" })]
    [InlineData("SELECT Id FROM Contact WHERE LastName IN ('Hopper', 'Lovelace') ORDER BY LastName", new[] { "Hopper", "Lovelace" })]
    [InlineData("SELECT Id FROM Contact WHERE LastName NOT IN ('Hopper') ORDER BY LastName DESC", new[] { "O'Hara", "Lovelace" })]
    [InlineData("SELECT Id FROM Contact WHERE Email = null", new[] { "O'Hara" })]
    [InlineData("SELECT Id FROM Contact WHERE Email != null AND HasOptedOutOfEmail = true", new[] { "Hopper" })]
    [InlineData("SELECT Id FROM Contact WHERE (Lead_Score__c > 80 OR LastName = 'O\\'Hara') ORDER BY Lead_Score__c DESC NULLS LAST", new[] { "Lovelace", "O'Hara" })]
    [InlineData("SELECT Id FROM Contact WHERE Lead_Score__c <= 75", new[] { "Hopper" })]
    [InlineData("SELECT Id FROM Contact WHERE CreatedDate >= 2026-11-27T09:30:00Z ORDER BY CreatedDate", new[] { "Hopper", "O'Hara" })]
    [InlineData("SELECT Id FROM Contact WHERE CreatedDate < 2026-11-27T10:30:00+01:00", new[] { "Lovelace" })]
    [InlineData("SELECT Id FROM Contact WHERE Title LIKE '50\\% %'", new[] { "O'Hara" })]
    [InlineData("SELECT Id FROM Contact WHERE NOT LastName = 'Hopper' ORDER BY LastName", new[] { "Lovelace", "O'Hara" })]
    [InlineData("SELECT Id FROM Contact ORDER BY Email NULLS FIRST LIMIT 2", new[] { "O'Hara", "Lovelace" })]
    [InlineData("SELECT Id FROM Contact ORDER BY LastName LIMIT 1 OFFSET 1", new[] { "Lovelace" })]
    public async Task Query_Filters_SortsAndSlices(string soql, string[] expectedLastNames)
    {
        var body = await QueryAsync(soql.Replace("SELECT Id", "SELECT Id, LastName", StringComparison.Ordinal));

        Assert.Equal(expectedLastNames, body["records"]!.AsArray().Select(r => r!["LastName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Query_Count_ReturnsTotalSizeAndNoRecords()
    {
        var body = await QueryAsync("SELECT COUNT() FROM Contact WHERE Email != null");

        Assert.Equal(2, body["totalSize"]!.GetValue<int>());
        Assert.Empty(body["records"]!.AsArray());
    }

    [Fact]
    public async Task Query_ById_AcceptsThe15CharacterForm()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "ById" });

        var body = await QueryAsync($"SELECT LastName FROM Contact WHERE Id = '{id[..15]}'");

        Assert.Equal("ById", body["records"]![0]!["LastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task QueryAll_IncludesDeletedRecords_QueryDoesNot()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Deleted" });
        (await _host.Http.DeleteAsync($"{SalesforceTestHost.Data}/sobjects/Contact/{id}")).Dispose();

        var live = await QueryAsync("SELECT Id FROM Contact WHERE LastName = 'Deleted'");
        var all = await QueryAsync("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Deleted'", "queryAll");

        Assert.Equal(0, live["totalSize"]!.GetValue<int>());
        Assert.True(all["records"]![0]!["IsDeleted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Query_WithBatchSize_PagesThroughLocators()
    {
        await SeedLeadsAsync(450);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{SalesforceTestHost.Data}/query?q={Uri.EscapeDataString("SELECT Id, LastName FROM Lead ORDER BY LastName")}");
        request.Headers.Add("Sforce-Query-Options", "batchSize=200");

        using var first = await _host.Http.SendAsync(request);
        var firstBody = await first.JsonAsync();
        var next = firstBody["nextRecordsUrl"]!.GetValue<string>();
        var second = await _host.Http.GetAsync(next).ContinueWith(t => t.Result.JsonAsync()).Unwrap();
        var third = await _host.Http.GetAsync(second["nextRecordsUrl"]!.GetValue<string>()).ContinueWith(t => t.Result.JsonAsync()).Unwrap();

        Assert.Equal(450, firstBody["totalSize"]!.GetValue<int>());
        Assert.False(firstBody["done"]!.GetValue<bool>());
        Assert.Equal(200, firstBody["records"]!.AsArray().Count);
        Assert.Matches(@"^/services/data/v66\.0/query/01g[0-9A-Za-z]{15}-200$", next);
        Assert.Equal(200, second["records"]!.AsArray().Count);
        Assert.Equal(50, third["records"]!.AsArray().Count);
        Assert.True(third["done"]!.GetValue<bool>());
        Assert.False(((JsonObject)third).ContainsKey("nextRecordsUrl"));
        Assert.Equal("Lead 449", third["records"]![49]!["LastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_WithoutBatchSize_ReturnsUpTo2000PerPage()
    {
        await SeedLeadsAsync(450);

        var body = await QueryAsync("SELECT Id FROM Lead");

        Assert.Equal(450, body["records"]!.AsArray().Count);
        Assert.True(body["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task QueryMore_WithUnknownLocator_Returns400InvalidQueryLocator()
    {
        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/query/01gGT0000000099YAA-200");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_QUERY_LOCATOR", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task QueryMore_AfterFifteenIdleMinutes_Returns400InvalidQueryLocator()
    {
        await SeedLeadsAsync(250);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{SalesforceTestHost.Data}/query?q={Uri.EscapeDataString("SELECT Id FROM Lead")}");
        request.Headers.Add("Sforce-Query-Options", "batchSize=200");
        using var first = await _host.Http.SendAsync(request);
        var next = (await first.JsonAsync())["nextRecordsUrl"]!.GetValue<string>();
        _host.Clock.Advance(TimeSpan.FromMinutes(16));
        await _host.LoginAsync();

        using var expired = await _host.Http.GetAsync(next);

        Assert.Equal("INVALID_QUERY_LOCATOR", await expired.ErrorCodeAsync());
    }

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Contact WHERE A = 1 AND B = 2 OR C = 3", "MALFORMED_QUERY")]
    [InlineData("SELECT Foo__c FROM Contact", "INVALID_FIELD")]
    [InlineData("SELECT Account.Name FROM Contact", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Foo", "INVALID_TYPE")]
    [InlineData("SELECT Id FROM Contact WHERE Email = 5", "INVALID_QUERY_FILTER_OPERATOR")]
    [InlineData("SELECT Id FROM Contact WHERE Id = 'abc'", "INVALID_QUERY_FILTER_OPERATOR")]
    [InlineData("SELECT Id FROM Contact OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE")]
    [InlineData("SELECT FIELDS(ALL) FROM Contact", "MALFORMED_QUERY")]
    public async Task Query_Invalid_Returns400WithTheVendorErrorCode(string soql, string errorCode)
    {
        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/query?q={Uri.EscapeDataString(soql)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(errorCode, await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Query_UnknownObject_NamesItLikeSalesforce()
    {
        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/query?q=SELECT+Id+FROM+Foo");

        Assert.Contains("ERROR at Row:1:Column:16\nsObject type 'Foo' is not supported.", await response.ErrorMessageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_WithoutQ_Returns400MalformedQuery()
    {
        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/query");

        Assert.Equal("MALFORMED_QUERY", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Query_FieldsAllWithLimit_ReturnsEveryField()
    {
        var body = await QueryAsync("SELECT FIELDS(ALL) FROM Contact LIMIT 1");

        var record = body["records"]![0]!.AsObject();
        Assert.True(record.ContainsKey("External_Id__c"));
        Assert.True(record.ContainsKey("MailingCity"));
    }

    private async Task<JsonNode> QueryAsync(string soql, string resource = "query")
    {
        using var response = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/{resource}?q={Uri.EscapeDataString(soql)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    private async Task SeedLeadsAsync(int count)
    {
        for (var start = 0; start < count; start += 200)
        {
            var records = Enumerable.Range(start, Math.Min(200, count - start))
                .Select(i => new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Lead" }, ["LastName"] = $"Lead {i:000}", ["Company"] = "Acme" });
            var body = new JsonObject { ["allOrNone"] = true, ["records"] = new JsonArray(records.ToArray<JsonNode>()) };
            using var response = await _host.SendJsonAsync(HttpMethod.Post, $"{SalesforceTestHost.Data}/composite/sobjects", body.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
