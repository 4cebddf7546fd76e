using System.Text.Json.Nodes;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SecretRedactorTests
{
    private const string Mask = SecretRedactor.Mask;

    [Theory]
    [InlineData("""{"access_token":"tok-1111","access_token":"tok-2222","email":"a@example.com"}""")] // a repeated name
    [InlineData("""{"access_token":"tok-1111","name":"\ud83d"}""")] // a lone surrogate
    public void JsonThatJsonNodeRefuses_IsScrubbedAsText_NotThrown(string body)
    {
        var redacted = SecretRedactor.RedactBody(body, "application/json")!;

        Assert.DoesNotContain("tok-1111", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-2222", redacted, StringComparison.Ordinal);
        Assert.Contains(Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_LoseEveryCredential_AndKeepTheRest()
    {
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer pat-na1-11111111",
            ["clay-api-key"] = "clay-key-2222",
            ["x-clay-webhook-auth"] = "clay-hook-3333",
            ["X-HubSpot-Signature-v3"] = "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=",
            ["Outreach-Webhook-Signature"] = "abcdef0123",
            ["X-Api-Key"] = "key-4444",
            ["Cookie"] = "sid=5555",
            ["Content-Type"] = "application/json",
            ["X-HubSpot-RateLimit-Remaining"] = "99",
            ["Link"] = "<https://x>; rel=next; Bearer 6666",
        };

        var redacted = SecretRedactor.RedactHeaders(headers);

        Assert.All(["Authorization", "clay-api-key", "x-clay-webhook-auth", "X-HubSpot-Signature-v3", "Outreach-Webhook-Signature", "X-Api-Key", "Cookie"], h => Assert.Equal(Mask, redacted[h]));
        Assert.Equal(("application/json", "99"), (redacted["content-type"], redacted["X-HubSpot-RateLimit-Remaining"]));
        Assert.DoesNotContain("6666", redacted["Link"], StringComparison.Ordinal);
    }

    [Fact]
    public void AnOAuthTokenForm_LosesSecretsTokensAndTheCode_ButKeepsTheGrantType()
    {
        const string form = "grant_type=refresh_token&client_id=app-1&client_secret=s3cr3t&refresh_token=rt-777&code=auth-888&redirect_uri=https%3A%2F%2Fx";

        var redacted = SecretRedactor.RedactBody(form, "application/x-www-form-urlencoded; charset=utf-8")!;

        Assert.DoesNotContain("s3cr3t", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-777", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("auth-888", redacted, StringComparison.Ordinal);
        Assert.Contains("grant_type=refresh_token", redacted, StringComparison.Ordinal);
        Assert.Contains("client_id=app-1", redacted, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=https%3A%2F%2Fx", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void AFormBody_WithoutAContentType_IsStillRecognised()
    {
        var redacted = SecretRedactor.RedactBody("assertion=eyJhbGciOi.payload.sig&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")!;

        Assert.DoesNotContain("eyJhbGciOi", redacted, StringComparison.Ordinal);
        Assert.Contains("grant_type=urn", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonBody_LosesSecretFieldsAtAnyDepth_AndKeepsDataAndErrorCodes()
    {
        const string json = """
            {"access_token":"at-1","refresh_token":"rt-2","expires_in":1800,"hub_id":62515,
             "data":{"attributes":{"email":"ada@example.com","secret":"wh-3","nested":[{"clientSecret":"cs-4"},{"id_token":"it-5"}]}},
             "code":"INVALID_EMAIL","note":"use Bearer tok-6 next time"}
            """;

        var redacted = SecretRedactor.RedactBody(json, "application/json")!;
        var node = JsonNode.Parse(redacted)!;

        Assert.Equal(Mask, node["access_token"]!.GetValue<string>());
        Assert.Equal(Mask, node["refresh_token"]!.GetValue<string>());
        Assert.Equal(Mask, node["data"]!["attributes"]!["secret"]!.GetValue<string>());
        Assert.Equal(Mask, node["data"]!["attributes"]!["nested"]![0]!["clientSecret"]!.GetValue<string>());
        Assert.Equal(Mask, node["data"]!["attributes"]!["nested"]![1]!["id_token"]!.GetValue<string>());
        Assert.Equal(("ada@example.com", 1800, "INVALID_EMAIL"), (node["data"]!["attributes"]!["email"]!.GetValue<string>(), node["expires_in"]!.GetValue<int>(), node["code"]!.GetValue<string>()));
        Assert.DoesNotContain("tok-6", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenJson_IsScrubbedAsText()
    {
        var redacted = SecretRedactor.RedactBody("""{"access_token": "at-1", "refresh_token":"rt-2" ...""", "application/json")!;

        Assert.DoesNotContain("at-1", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-2", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void AUrl_LosesCredentialQueryParameters()
    {
        var redacted = SecretRedactor.RedactUrl("https://api.hubapi.com/crm/v3/objects/contacts?hapikey=hk-1&limit=10&access_token=at-2#frag");

        Assert.Equal("https://api.hubapi.com/crm/v3/objects/contacts?hapikey=%5BREDACTED%5D&limit=10&access_token=%5BREDACTED%5D#frag", redacted);
    }

    [Fact]
    public void ARecordedRequestAndResponse_AreRedactedWhole()
    {
        var request = new RecordedRequest("POST", "https://login.salesforce.com/services/oauth2/token?client_secret=cs-1",
            new Dictionary<string, string> { ["Authorization"] = "Basic dXNlcjpwYXNz", ["Content-Type"] = "application/x-www-form-urlencoded" },
            "grant_type=password&password=pw-2");
        var response = new RecordedResponse(200, new Dictionary<string, string> { ["Set-Cookie"] = "sid=3" }, """{"access_token":"at-4","instance_url":"https://x"}""");

        var text = System.Text.Json.JsonSerializer.Serialize(new object[] { SecretRedactor.Redact(request), SecretRedactor.Redact(response) });

        Assert.All(["cs-1", "dXNlcjpwYXNz", "pw-2", "sid=3", "at-4"], secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.Contains("instance_url", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainText_WithoutSecrets_IsUnchanged()
    {
        const string body = "Service Unavailable: try again later";

        Assert.Equal(body, SecretRedactor.RedactBody(body, "text/plain"));
    }
}
