using System.Net;
using System.Net.Http.Json;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotContactsTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task Create_ThenReadById_ReturnsTheStoredContact()
    {
        var created = await Http.PostAsJsonAsync(Contacts, new { properties = new { email = "Jane@Example.com", firstname = "Jane" } });
        var body = await JsonObjectAsync(created);

        var read = await JsonObjectAsync(await Http.GetAsync($"{Contacts}/{body["id"]}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json; charset=utf-8", created.Content.Headers.ContentType!.ToString());
        Assert.Equal("jane@example.com", Text(read["properties"], "email"));
        Assert.Equal("Jane", Text(read["properties"], "firstname"));
        Assert.False(read["archived"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_ReturnsSimplePublicObjectWithSystemPropertiesAndTimestamps()
    {
        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { email = "a@example.com", company = "Acme" } });

        var body = await JsonObjectAsync(response);
        var properties = body["properties"]!.AsObject();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(body["id"]!.GetValue<string>(), Text(properties, "hs_object_id"));
        Assert.Equal("Acme", Text(properties, "company"));
        Assert.Equal("2026-11-27T09:00:00.000Z", Text(body, "createdAt"));
        Assert.Equal("2026-11-27T09:00:00.000Z", Text(properties, "createdate"));
        Assert.Equal("2026-11-27T09:00:00.000Z", Text(body, "updatedAt"));
        Assert.Null(properties["lastname"]);
    }

    [Fact]
    public async Task Create_WithNumberAndBooleanValues_StoresThemAsStrings()
    {
        var created = await Host.CreateContactAsync(new { email = "n@example.com", lead_score = 42, hs_email_optout = true });

        var read = await JsonObjectAsync(await Http.GetAsync($"{Contacts}/{created["id"]}?properties=lead_score,hs_email_optout"));

        Assert.Equal("42", Text(read["properties"], "lead_score"));
        Assert.Equal("true", Text(read["properties"], "hs_email_optout"));
    }

    [Fact]
    public async Task Create_WithExistingEmail_Returns409ConflictNamingTheExistingId()
    {
        var existing = await Host.CreateContactAsync(new { email = "dup@example.com" });

        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { email = "DUP@example.com", firstname = "Again" } });

        var body = await ErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal($"Contact already exists. Existing ID: {existing["id"]}", Text(body, "message"));
    }

    [Fact]
    public async Task Create_WithUnknownProperty_Returns400ValidationErrorNamingTheProperty()
    {
        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { email = "u@example.com", favourite_colour = "blue" } });

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.StartsWith("Property values were not valid: ", Text(body, "message"));
        Assert.Contains("\"name\":\"favourite_colour\"", Text(body, "message"));
        Assert.Contains("PROPERTY_DOESNT_EXIST", Text(body, "message"));
        Assert.Equal("favourite_colour", Text(body["errors"]![0], "in"));
    }

    [Fact]
    public async Task Create_WithInvalidEmail_Returns400InvalidEmail()
    {
        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { email = "not-an-email" } });

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("INVALID_EMAIL", Text(body, "message"));
    }

    [Fact]
    public async Task Create_WithoutEmailOrName_Returns400ValidationError()
    {
        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { company = "Acme" } });

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("email, firstname, lastname", Text(body, "message"));
    }

    [Fact]
    public async Task Create_WritingReadOnlySystemProperty_Returns400()
    {
        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { email = "r@example.com", hs_object_id = "1" } });

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("hs_object_id", Text(body, "message"));
    }

    [Fact]
    public async Task ReadByEmail_WithIdPropertyEmail_FindsTheContactCaseInsensitively()
    {
        var created = await Host.CreateContactAsync(new { email = "find@example.com", lastname = "Finder" });

        var response = await Http.GetAsync($"{Contacts}/FIND%40example.com?idProperty=email");

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created["id"]!.GetValue<string>(), Text(body, "id"));
        Assert.Equal("Finder", Text(body["properties"], "lastname"));
    }

    [Fact]
    public async Task Read_UnknownId_Returns404ObjectNotFoundWithTheId()
    {
        var response = await Http.GetAsync($"{Contacts}/424242");

        var body = await ErrorAsync(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
        Assert.Equal("Object not found.  objectId are usually numeric.", Text(body, "message"));
        Assert.Equal("424242", body["context"]!["id"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_UnknownEmail_Returns404()
    {
        var response = await Http.GetAsync($"{Contacts}/nobody%40example.com?idProperty=email");

        await ErrorAsync(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
    }

    [Fact]
    public async Task Read_WithNonUniqueIdProperty_Returns400()
    {
        var response = await Http.GetAsync($"{Contacts}/Jane?idProperty=firstname");

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("firstname", Text(body, "message"));
    }

    [Fact]
    public async Task Read_WithPropertiesParameter_ReturnsRequestedPropertiesWithNullForUnset()
    {
        var created = await Host.CreateContactAsync(new { email = "p@example.com", jobtitle = "CTO" });

        var body = await JsonObjectAsync(await Http.GetAsync($"{Contacts}/{created["id"]}?properties=jobtitle&properties=phone&properties=not_a_property"));

        var properties = body["properties"]!.AsObject();
        Assert.Equal("CTO", Text(properties, "jobtitle"));
        Assert.True(properties.ContainsKey("phone"));
        Assert.Null(properties["phone"]);
        Assert.False(properties.ContainsKey("not_a_property"));
        Assert.False(properties.ContainsKey("email"));
    }

    [Fact]
    public async Task Update_ChangesPropertiesAndUpdatedAt()
    {
        var created = await Host.CreateContactAsync(new { email = "up@example.com", firstname = "Old" });
        Host.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await Http.PatchAsJsonAsync($"{Contacts}/{created["id"]}", new { properties = new { firstname = "New" } });

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("New", Text(body["properties"], "firstname"));
        Assert.Equal("2026-11-27T09:05:00.000Z", Text(body, "updatedAt"));
        Assert.Equal("2026-11-27T09:00:00.000Z", Text(body, "createdAt"));
    }

    [Fact]
    public async Task Update_ByEmail_UpdatesTheContact()
    {
        var created = await Host.CreateContactAsync(new { email = "byemail@example.com" });

        var response = await Http.PatchAsJsonAsync($"{Contacts}/byemail%40example.com?idProperty=email", new { properties = new { lastname = "Mailed" } });
        var read = await JsonObjectAsync(await Http.GetAsync($"{Contacts}/{created["id"]}?properties=lastname"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Mailed", Text(read["properties"], "lastname"));
    }

    [Fact]
    public async Task Update_WithEmptyString_ClearsTheProperty()
    {
        var created = await Host.CreateContactAsync(new { email = "clear@example.com", phone = "555" });

        await Http.PatchAsJsonAsync($"{Contacts}/{created["id"]}", new { properties = new { phone = "" } });
        var read = await JsonObjectAsync(await Http.GetAsync($"{Contacts}/{created["id"]}?properties=phone"));

        Assert.Null(read["properties"]!["phone"]);
    }

    [Fact]
    public async Task Update_ToAnotherContactsEmail_Returns409()
    {
        var first = await Host.CreateContactAsync(new { email = "first@example.com" });
        var second = await Host.CreateContactAsync(new { email = "second@example.com" });

        var response = await Http.PatchAsJsonAsync($"{Contacts}/{second["id"]}", new { properties = new { email = "first@example.com" } });

        var body = await ErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.EndsWith($"Existing ID: {first["id"]}", Text(body, "message"));
    }

    [Fact]
    public async Task Update_UnknownId_Returns404()
    {
        var response = await Http.PatchAsJsonAsync($"{Contacts}/999", new { properties = new { firstname = "Ghost" } });

        await ErrorAsync(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
    }

    [Fact]
    public async Task Archive_Returns204_ThenReadReturns404_AndArchivedReadFindsIt()
    {
        var created = await Host.CreateContactAsync(new { email = "gone@example.com" });

        var response = await Http.DeleteAsync($"{Contacts}/{created["id"]}");
        var live = await Http.GetAsync($"{Contacts}/{created["id"]}");
        var archived = await JsonObjectAsync(await Http.GetAsync($"{Contacts}/{created["id"]}?archived=true"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
        Assert.True(archived["archived"]!.GetValue<bool>());
        Assert.NotNull(Text(archived, "archivedAt"));
    }

    [Fact]
    public async Task Archive_UnknownId_StillReturns204()
    {
        var response = await Http.DeleteAsync($"{Contacts}/123456789");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Create_AfterArchivingTheHolder_ReusesTheEmail()
    {
        var first = await Host.CreateContactAsync(new { email = "reuse@example.com" });
        await Http.DeleteAsync($"{Contacts}/{first["id"]}");

        var response = await Http.PostAsJsonAsync(Contacts, new { properties = new { email = "reuse@example.com" } });

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(first["id"]!.GetValue<string>(), Text(body, "id"));
    }

    [Fact]
    public async Task Responses_CarryACorrelationIdHeader()
    {
        var response = await Http.GetAsync($"{Contacts}?limit=1");

        Assert.True(Guid.TryParse(Header(response, "X-HubSpot-Correlation-Id"), out _));
    }
}
