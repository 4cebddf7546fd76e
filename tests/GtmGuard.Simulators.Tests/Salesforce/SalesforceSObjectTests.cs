using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceSObjectTests : IAsyncLifetime
{
    private const string Contacts = SalesforceTestHost.Data + "/sobjects/Contact";

    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Http => _host.Http;

    [Fact]
    public async Task Create_Returns201WithIdSuccessAndNoErrors()
    {
        using var response = await _host.PostJsonAsync(Contacts, new { LastName = "Lovelace", Email = "ada@example.com" });
        var contentType = response.Content.Headers.NonValidated["Content-Type"].ToString();
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json;charset=UTF-8", contentType);
        Assert.Equal("003GT0000000001YAA", body["id"]!.GetValue<string>());
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Empty(body["errors"]!.AsArray());
    }

    [Fact]
    public async Task Create_GivesDeterministicIdsWithTheTypesKeyPrefix()
    {
        var contact = await _host.CreateAsync("Contact", new { LastName = "A" });
        var lead = await _host.CreateAsync("Lead", new { LastName = "B", Company = "Acme" });
        var account = await _host.CreateAsync("Account", new { Name = "Acme" });
        var secondContact = await _host.CreateAsync("Contact", new { LastName = "C" });

        Assert.Equal("003GT0000000001YAA", contact);
        Assert.Equal("00QGT00000000012AA", lead);
        Assert.Equal("001GT0000000001YAA", account);
        Assert.Equal("003GT0000000002YAA", secondContact);
    }

    [Fact]
    public async Task Read_WithFieldsParameter_ReturnsRequestedFieldsAttributesAndId()
    {
        var id = await _host.CreateAsync("Contact", new { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com" });

        var record = await Http.GetFromJsonAsync<JsonObject>($"{Contacts}/{id}?fields=Email,Name,CreatedDate");

        Assert.Equal("Contact", record!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal($"{Contacts}/{id}", record["attributes"]!["url"]!.GetValue<string>());
        Assert.Equal(id, record["Id"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", record["Name"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:00:00.000+0000", record["CreatedDate"]!.GetValue<string>());
        Assert.False(record.ContainsKey("LastName"));
    }

    [Fact]
    public async Task Read_WithoutFields_ReturnsEveryFieldWithNullsAndDefaults()
    {
        var id = await _host.CreateAsync("Lead", new { LastName = "Hopper", Company = "Navy" });

        var record = await Http.GetFromJsonAsync<JsonObject>($"{SalesforceTestHost.Data}/sobjects/Lead/{id}");

        Assert.True(record!.ContainsKey("Email"));
        Assert.Null(record["Email"]);
        Assert.Equal("Open - Not Contacted", record["Status"]!.GetValue<string>());
        Assert.False(record["HasOptedOutOfEmail"]!.GetValue<bool>());
        Assert.Equal(_host.Options.UserId, record["OwnerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_WritesDoublesWithAFractionAndIntegersWithout()
    {
        var id = await _host.CreateAsync("Lead", new { LastName = "N", Company = "C", AnnualRevenue = 1000, NumberOfEmployees = 12 });

        using var response = await Http.GetAsync($"{SalesforceTestHost.Data}/sobjects/Lead/{id}?fields=AnnualRevenue,NumberOfEmployees");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"AnnualRevenue\":1000.0", text, StringComparison.Ordinal);
        Assert.Contains("\"NumberOfEmployees\":12,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_With15CharacterId_FindsTheRecord()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Short" });

        using var response = await Http.GetAsync($"{Contacts}/{id[..15]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await response.JsonAsync())["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_Returns204AndChangesFieldsAndLastModifiedDate()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Lovelace", Title = "Analyst" });
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        using var update = await _host.SendJsonAsync(HttpMethod.Patch, $"{Contacts}/{id}", """{"Title":"Countess","Email":null}""");
        var record = await Http.GetFromJsonAsync<JsonObject>($"{Contacts}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        Assert.Equal(string.Empty, await update.Content.ReadAsStringAsync());
        Assert.Equal("Countess", record!["Title"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:05:00.000+0000", record["LastModifiedDate"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:00:00.000+0000", record["CreatedDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Returns204_ThenReadReturns404EntityIsDeleted()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Gone" });

        using var delete = await Http.DeleteAsync($"{Contacts}/{id}");
        using var read = await Http.GetAsync($"{Contacts}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("ENTITY_IS_DELETED", await read.ErrorCodeAsync());
    }

    [Fact]
    public async Task Read_UnknownId_Returns404NotFound()
    {
        using var response = await Http.GetAsync($"{Contacts}/003GT0000000999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("001GT0000000001YAA")]
    [InlineData("003GT0000000001ZZZ")]
    public async Task Read_MalformedOrWrongTypeId_Returns400MalformedId(string id)
    {
        using var response = await Http.GetAsync($"{Contacts}/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MALFORMED_ID", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task UnknownSObjectType_Returns404NotFound()
    {
        using var response = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Opportunity__x", new { Name = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Create_WithUnknownField_Returns400InvalidField()
    {
        using var response = await _host.PostJsonAsync(Contacts, new { LastName = "X", Foo__c = "bar" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[{\"message\":\"No such column 'Foo__c' on sobject of type Contact\",\"errorCode\":\"INVALID_FIELD\"}]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_WithoutLastName_Returns400RequiredFieldMissing()
    {
        using var response = await _host.PostJsonAsync(Contacts, new { FirstName = "Ada" });
        var error = (await response.JsonAsync())[0]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("REQUIRED_FIELD_MISSING", error["errorCode"]!.GetValue<string>());
        Assert.Equal("Required fields are missing: [LastName]", error["message"]!.GetValue<string>());
        Assert.Equal(["LastName"], error["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateLead_WithoutCompanyAndLastName_ListsBothMissingFields()
    {
        using var response = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Lead", new { Email = "a@b.co" });

        Assert.Equal("Required fields are missing: [LastName, Company]", await response.ErrorMessageAsync());
    }

    [Fact]
    public async Task CreateAccount_WithoutName_Returns400RequiredFieldMissing()
    {
        using var response = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Account", new { Phone = "1" });

        Assert.Equal("REQUIRED_FIELD_MISSING", await response.ErrorCodeAsync());
        Assert.Equal("Required fields are missing: [Name]", await response.ErrorMessageAsync());
    }

    [Fact]
    public async Task Create_WithInvalidEmail_Returns400InvalidEmailAddress()
    {
        using var response = await _host.PostJsonAsync(Contacts, new { LastName = "X", Email = "foo" });
        var error = (await response.JsonAsync())[0]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_EMAIL_ADDRESS", error["errorCode"]!.GetValue<string>());
        Assert.Equal("Email: invalid email address: foo", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_ToBlankRequiredField_Returns400RequiredFieldMissing()
    {
        var id = await _host.CreateAsync("Contact", new { LastName = "Kept" });

        using var response = await _host.SendJsonAsync(HttpMethod.Patch, $"{Contacts}/{id}", """{"LastName":null}""");

        Assert.Equal("REQUIRED_FIELD_MISSING", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Create_WithTooLongValue_Returns400StringTooLong()
    {
        using var response = await _host.PostJsonAsync(Contacts, new { LastName = new string('x', 81) });

        Assert.Equal("STRING_TOO_LONG", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Create_WithReadOnlyField_Returns400InvalidFieldForInsertUpdate()
    {
        using var response = await _host.PostJsonAsync(Contacts, new { LastName = "X", Name = "Full Name" });

        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Create_WithWrongValueType_Returns400JsonParserError()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Post, Contacts, """{"LastName":"X","HasOptedOutOfEmail":"maybe"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("JSON_PARSER_ERROR", await response.ErrorCodeAsync());
    }

    [Theory]
    [InlineData("{\"LastName\":")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public async Task Create_WithMalformedJson_Returns400JsonParserError(string json)
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Post, Contacts, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("JSON_PARSER_ERROR", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Create_WithWrongContentType_Returns415InArrayShape()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Post, Contacts, "LastName=X", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", await response.ErrorCodeAsync());
        Assert.Equal("MediaType of 'text/plain' is not supported by this resource", await response.ErrorMessageAsync());
    }

    [Fact]
    public async Task Create_WithAccountIdOfWrongType_Returns400FieldIntegrityException()
    {
        var contact = await _host.CreateAsync("Contact", new { LastName = "X" });

        using var response = await _host.PostJsonAsync(Contacts, new { LastName = "Y", AccountId = contact });

        Assert.Equal("FIELD_INTEGRITY_EXCEPTION", await response.ErrorCodeAsync());
        Assert.Equal($"Account ID: id value of incorrect type: {contact}", await response.ErrorMessageAsync());
    }

    [Fact]
    public async Task Create_WithExistingAccountId_LinksTheContact()
    {
        var account = await _host.CreateAsync("Account", new { Name = "Acme" });

        var contact = await _host.CreateAsync("Contact", new { LastName = "Y", AccountId = account });
        var record = await Http.GetFromJsonAsync<JsonObject>($"{Contacts}/{contact}?fields=AccountId");

        Assert.Equal(account, record!["AccountId"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPath_Returns404NotFound()
    {
        using var response = await Http.GetAsync("/services/data/v66.0/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task KnownPathWithWrongMethod_Returns405ListingAllowedMethods()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Put, $"{Contacts}/003GT0000000001YAA", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("METHOD_NOT_ALLOWED", await response.ErrorCodeAsync());
        Assert.Equal("HTTP Method 'PUT' not allowed. Allowed are GET,PATCH,DELETE", await response.ErrorMessageAsync());
    }

    [Fact]
    public async Task PayloadTooLarge_Returns413InArrayShape()
    {
        await using var host = await SalesforceTestHost.StartAsync(configureSettings: s => s.MaxRequestBodyBytes = 1024);

        using var response = await host.PostJsonAsync(Contacts, new { LastName = "X", Description = new string('d', 4096) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_ENTITY_TOO_LARGE", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Describe_ListsFieldsIncludingExternalId()
    {
        var describe = await Http.GetFromJsonAsync<JsonObject>($"{Contacts}/describe");

        var external = describe!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "External_Id__c")!;
        Assert.Equal("003", describe["keyPrefix"]!.GetValue<string>());
        Assert.True(external["externalId"]!.GetValue<bool>());
        Assert.True(external["unique"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DescribeGlobal_ListsContactLeadAndAccount()
    {
        var global = await Http.GetFromJsonAsync<JsonObject>($"{SalesforceTestHost.Data}/sobjects/");

        Assert.Equal(["Contact", "Lead", "Account"], global!["sobjects"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }
}
