using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Salesforce;

/// <summary>Bad input gets a vendor-shaped answer, never a 500 or a dropped connection.</summary>
public sealed class SalesforceRobustnessTests : IClassFixture<SalesforceHostFixture>
{
    private const string Data = SalesforceTestHost.Data;

    private readonly SalesforceTestHost _host;

    public SalesforceRobustnessTests(SalesforceHostFixture fixture) => _host = fixture.Host;

    public static TheoryData<string, string, string?, string?> BadRequests => new()
    {
        { "POST", $"{Data}/sobjects/Contact", "application/json", "{" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", "null" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"LastName":{"a":1}}""" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"LastName":[1]}""" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"LastName":"x","Birthdate":"not a date"}""" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"LastName":"x","Lead_Score__c":1e400}""" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"LastName":"x","AccountId":123}""" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"LastName":"x","OwnerId":"005GT0000000099"}""" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"attributes":5,"LastName":"x","Id":"003GT0000000001"}""" },
        { "POST", $"{Data}/sobjects/Contact", "application/octet-stream", "\u0000\u0001\u0002" },
        { "POST", $"{Data}/sobjects/Contact", "application/json", """{"LastName":"\ud800"}""" },
        { "POST", $"{Data}/composite/sobjects", "application/json", """{"records":[{"attributes":"Contact"}]}""" },
        { "PATCH", $"{Data}/sobjects/Contact/003GT0000000001", "application/json", "" },
        { "PATCH", $"{Data}/sobjects/Contact/%ZZ", "application/json", "{}" },
        { "PATCH", $"{Data}/sobjects/Contact/External_Id__c/x", "application/json", """{"External_Id__c":5,"LastName":true}""" },
        { "PATCH", $"{Data}/sobjects/Contact/Id/garbage", "application/json", "{}" },
        { "GET", $"{Data}/sobjects/Contact/003GT0000000001?fields=,,,", null, null },
        { "GET", $"{Data}/sobjects/Contact/External_Id__c/x?fields=Nope", null, null },
        { "POST", $"{Data}/composite/sobjects", "application/json", """{"records":5}""" },
        { "POST", $"{Data}/composite/sobjects", "application/json", """{"records":[5]}""" },
        { "POST", $"{Data}/composite/sobjects", "application/json", """{"records":[{"attributes":{"type":5}}]}""" },
        { "POST", $"{Data}/composite/sobjects", "application/json", """{"allOrNone":"maybe","records":[]}""" },
        { "PATCH", $"{Data}/composite/sobjects", "application/json", """{"records":[{"attributes":{"type":"Contact"},"id":5}]}""" },
        { "PATCH", $"{Data}/composite/sobjects/Contact/Id", "application/json", """{"records":[{"Id":5,"LastName":"x"},{"LastName":"y"}]}""" },
        { "PATCH", $"{Data}/composite/sobjects/Contact/External_Id__c", "application/json", """{"records":[{"attributes":{"type":"Lead"},"External_Id__c":"x"}]}""" },
        { "POST", $"{Data}/composite/sobjects/Contact", "application/json", """{"ids":5}""" },
        { "POST", $"{Data}/composite/sobjects/Contact", "application/json", """{"ids":[1],"fields":["Email"]}""" },
        { "POST", $"{Data}/composite/sobjects/Contact", "application/json", """{"ids":["003GT0000000001"],"fields":[{}]}""" },
        { "DELETE", $"{Data}/composite/sobjects", null, null },
        { "DELETE", $"{Data}/composite/sobjects?ids=,,&allOrNone=perhaps", null, null },
        { "POST", $"{Data}/jobs/ingest", "application/json", """{"object":5}""" },
        { "POST", $"{Data}/jobs/ingest", "application/json", "[]" },
        { "PATCH", $"{Data}/jobs/ingest/notajob", "application/json", "{}" },
        { "PATCH", $"{Data}/jobs/ingest/750GT0000000001", "application/json", """{"state":7}""" },
        { "PUT", $"{Data}/jobs/ingest/nope/batches", "text/csv", "a,b\n" },
        { "GET", $"{Data}/jobs/ingest/750GT0000000001/failedResults", null, null },
        { "GET", $"{Data}/query?q=%00", null, null },
        { "GET", $"{Data}/query?q=SELECT", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+WHERE+Name+%3D+%27a%27+AND+(", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+ORDER+BY", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+WHERE+Lead_Score__c+%3E+999999999999999999999999999999999999", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+LIMIT+99999999999", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+WHERE+CreatedDate+%3E+2026-13-45T99:00:00Z", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+WHERE+HasOptedOutOfEmail+%3E+true", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+WHERE+Email+LIKE+5", null, null },
        { "GET", $"{Data}/query?q=SELECT+Id+FROM+Contact+WHERE+Email+%3C+null", null, null },
        { "GET", $"{Data}/query/---", null, null },
        { "GET", $"{Data}/query/01g-abc", null, null },
        { "POST", "/services/oauth2/token", "application/x-www-form-urlencoded", "grant_type=%&&=&client_id" },
        { "POST", "/services/oauth2/token", "application/json", """{"grant_type":"password"}""" },
        { "POST", "/services/oauth2/revoke", "application/x-www-form-urlencoded", "token=" },
        { "PUT", "/services/oauth2/token", "application/json", "{}" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_NeverAnswers500_AndErrorsAreVendorShaped(string method, string path, string? contentType, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await _host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        // Collections answer 200 with per-item errors, and some odd values are valid; none may break the server.
        Assert.InRange((int)response.StatusCode, 200, 499);
        var json = JsonNode.Parse(text);
        Assert.True((int)response.StatusCode < 400 || json is JsonArray { Count: > 0 } || json?["error"] is not null, text);
    }

    [Fact]
    public async Task JwtBearer_WithExpClaimOfWrongType_IsInvalidGrant()
    {
        using var key = System.Security.Cryptography.RSA.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(_host.Simulator.Credentials["jwtPrivateKeyPath"]));
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var assertion = handler.CreateToken(
            $$"""{"iss":"{{_host.Options.ClientId}}","sub":"{{_host.Options.Username}}","aud":"https://login.salesforce.com","exp":"soon"}""",
            new Microsoft.IdentityModel.Tokens.SigningCredentials(SalesforceOAuthTests.SigningKey(key), "RS256"));

        using var response = await _host.Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = assertion,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.JsonAsync())["error"]!.GetValue<string>());
    }
}
