using System.Net;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceExternalIdTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await SalesforceTestHost.StartAsync(o => o.NonUniqueExternalIdFields["Contact"] = ["Legacy_Id__c"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Upsert(string version, string value, string field = "External_Id__c") =>
        $"/services/data/v{version}/sobjects/Contact/{field}/{value}";

    [Fact]
    public async Task Upsert_WhenNoRecordMatches_Returns201WithCreatedTrue()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("66.0", "ext-1"), """{"LastName":"Lovelace"}""");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(body["created"]!.GetValue<bool>());
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Empty(body["errors"]!.AsArray());
        Assert.StartsWith("003", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_WhenExternalIdMatches_OnV46_Returns200WithCreatedFalse()
    {
        using var created = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("46.0", "ext-1"), """{"LastName":"Lovelace"}""");
        var id = (await created.JsonAsync())["id"]!.GetValue<string>();

        using var updated = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("46.0", "EXT-1"), """{"Title":"Countess"}""");
        var body = await updated.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.False(body["created"]!.GetValue<bool>());
        Assert.Equal(id, body["id"]!.GetValue<string>());
        Assert.Equal(1, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Upsert_OnV45_Returns204OnUpdate()
    {
        using var created = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("45.0", "ext-2"), """{"LastName":"Hopper"}""");
        var createdBody = (JsonObject)await created.JsonAsync();

        using var updated = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("45.0", "ext-2"), """{"Title":"Admiral"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(createdBody.ContainsKey("created"));
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.Equal(string.Empty, await updated.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upsert_StoresTheUrlValueInTheExternalIdField()
    {
        using var created = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("66.0", "ext%203"), """{"LastName":"Slash"}""");
        var id = (await created.JsonAsync())["id"]!.GetValue<string>();

        using var read = await _host.Http.GetAsync($"{SalesforceTestHost.Data}/sobjects/Contact/{id}?fields=External_Id__c");

        Assert.Equal("ext 3", (await read.JsonAsync())["External_Id__c"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_WhenSeveralRecordsMatch_Returns300WithRecordUrls()
    {
        var first = await _host.CreateAsync("Contact", new { LastName = "One", Legacy_Id__c = "L-1" });
        var second = await _host.CreateAsync("Contact", new { LastName = "Two", Legacy_Id__c = "l-1" });

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("66.0", "L-1", "Legacy_Id__c"), """{"Title":"x"}""");
        var urls = (await response.JsonAsync()).AsArray().Select(u => u!.GetValue<string>());

        Assert.Equal((HttpStatusCode)300, response.StatusCode);
        Assert.Equal([$"{SalesforceTestHost.Data}/sobjects/Contact/{first}", $"{SalesforceTestHost.Data}/sobjects/Contact/{second}"], urls);
    }

    [Fact]
    public async Task Upsert_OnFieldThatIsNotAnExternalId_Returns404NotFound()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("66.0", "a@b.co", "Email"), """{"LastName":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Upsert_CreatingWithInvalidData_Returns400WithTheValidationError()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Patch, Upsert("66.0", "ext-4"), """{"Email":"nope"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_EMAIL_ADDRESS", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Update_ToAnotherRecordsUniqueExternalId_Returns400DuplicateValue()
    {
        var holder = await _host.CreateAsync("Contact", new { LastName = "Holder", External_Id__c = "taken" });
        var other = await _host.CreateAsync("Contact", new { LastName = "Other" });

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, $"{SalesforceTestHost.Data}/sobjects/Contact/{other}", """{"External_Id__c":"TAKEN"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DUPLICATE_VALUE", await response.ErrorCodeAsync());
        Assert.Equal($"duplicate value found: External_Id__c duplicates value on record with id: {holder}", await response.ErrorMessageAsync());
    }

    [Fact]
    public async Task ReadByExternalId_ReturnsTheRecord()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Found", External_Id__c = "find-me" });

        using var response = await _host.Http.GetAsync($"{Upsert("66.0", "find-me")}?fields=LastName");
        var record = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, record["Id"]!.GetValue<string>());
        Assert.Equal("Found", record["LastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadByExternalId_WithNoMatch_Returns404NotFound()
    {
        using var response = await _host.Http.GetAsync(Upsert("66.0", "missing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task DeleteByExternalId_DeletesTheRecord()
    {
        await _host.CreateAsync("Contact", new { LastName = "Doomed", External_Id__c = "doomed" });

        using var delete = await _host.Http.DeleteAsync(Upsert("66.0", "doomed"));
        using var read = await _host.Http.GetAsync(Upsert("66.0", "doomed"));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }
}
