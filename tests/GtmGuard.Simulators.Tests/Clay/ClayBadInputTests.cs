using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Clay;

public sealed class ClayBadInputTests
{
    public static TheoryData<string, string> BadWebhookBodies => new()
    {
        { "{\"email\":", "application/json" },
        { "[1, 2]", "application/json" },
        { "\"just text\"", "application/json" },
        { "null", "application/json" },
        { "", "application/json" },
        { "[]", "application/json" },
        { new string('[', 5000), "application/json" },
        { "email=a@x.io", "application/x-www-form-urlencoded" },
        { "{\"email\":\"a@x.io\"}", "text/plain" },
        { """{"email":"a\ud800@x.com"}""", "application/json" }, // a lone surrogate would poison every later read of the table
    };

    public static TheoryData<string> BadQueryBodies => new()
    {
        "{",
        "[]",
        "{}",
        "{\"query\":{}}",
        "{\"query\":{\"tables\":[]}}",
        "{\"query\":{\"tables\":[{\"id\":7}]}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}]},\"limit\":0}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}]},\"limit\":\"ten\"}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}]},\"cursor\":\"%%%\"}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}]},\"cursor\":42}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}],\"filter\":{\"field\":\"email\",\"op\":\"~\"}}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}],\"filter\":{\"field\":\"email\",\"op\":\"in\",\"value\":\"x\"}}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}],\"filter\":{\"and\":[]}}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}],\"filter\":[1]}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}],\"select\":[{\"fn\":\"count\",\"field\":\"email\",\"as\":\"n\"}]}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}],\"select\":\"email\"}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"},{\"id\":\"t_other\"}]}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}]},\"query\":1}",
        "{\"query\":{\"tables\":[\"t_leads\"]}}",
        "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}],\"select\":[\"email\"]}}",
    };

    [Theory]
    [MemberData(nameof(BadWebhookBodies))]
    public async Task BadWebhookBody_IsA4xxWithAMessage_AndStoresNothing(string body, string contentType)
    {
        await using var host = ClayTestHost.Start();

        var response = await host.SubmitRaw(body, contentType);

        await AssertClientError(response);
        Assert.Empty(await host.Rows());
    }

    [Fact]
    public async Task DuplicateColumnNames_KeepTheLastValue_LikeAJavaScriptParser()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.SubmitRaw("""[{"email":"a@x.io","email":"b@x.io"}]""");
        host.FinishEnrichment();
        var row = (await host.Rows())[0]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b@x.io", row["fields"]!["email"]!.GetValue<string>());
        Assert.Equal("enriched", row["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(BadQueryBodies))]
    public async Task BadTablesQuery_IsA4xxWithAMessage(string body)
    {
        await using var host = ClayTestHost.Start();
        await host.Submit(new { email = "a@x.io" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/public/v0/tables/query") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("clay-api-key", host.Options.ApiKey);

        var response = await host.Http.SendAsync(request);

        await AssertClientError(response);
    }

    [Theory]
    [InlineData("GET", "/v3/sources/webhook/anything")]
    [InlineData("POST", "/public/v0/nope")]
    [InlineData("DELETE", "/public/v0/me")]
    public async Task UnknownPathsAndMethods_AreA4xxWithAMessage(string method, string path)
    {
        await using var host = ClayTestHost.Start();

        var response = await host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertClientError(response);
    }

    [Theory]
    [InlineData("PUT", "/__gtmguard/tables/t_leads/callback", "{\"url\":42}")]
    [InlineData("PUT", "/__gtmguard/tables/t_leads/callback", "{\"url\":\"http://127.0.0.1:1/x\",\"requests\":0}")]
    [InlineData("PUT", "/__gtmguard/tables/t_leads/callback", "not json")]
    [InlineData("PUT", "/__gtmguard/tables/t_nope/callback", "{}")]
    [InlineData("PUT", "/__gtmguard/credits", "{\"budget\":\"lots\"}")]
    [InlineData("PUT", "/__gtmguard/credits", "{\"budget\":-1}")]
    [InlineData("PUT", "/__gtmguard/credits", "{\"budget\":5,\"budget\":\"x\"}")]
    [InlineData("PUT", "/__gtmguard/tables/t_leads/callback", "{\"url\":\"http://127.0.0.1:1/x\",\"perMilliseconds\":1e300}")]
    [InlineData("PUT", "/__gtmguard/chaos", "{\"rules\":[{\"fault\":\"500\",\"latency\":\"1e300s\"}]}")]
    [InlineData("PUT", "/__gtmguard/chaos", "{\"rules\":[{\"latency\":\"5000000s\"}]}")]
    [InlineData("PUT", "/__gtmguard/chaos", "{\"events\":[{\"action\":\"expireTokens\",\"at\":\"3000000h\"}]}")]
    [InlineData("PUT", "/__gtmguard/chaos", "{\"rules\":[null]}")]
    [InlineData("POST", "/__gtmguard/tokens/revoke", "{\"token\":5}")]
    [InlineData("POST", "/__gtmguard/tokens/revoke", "{\"token\":\"a\",\"token\":\"b\"}")]
    public async Task BadControlRequests_AreA4xx(string method, string path, string body)
    {
        await using var host = ClayTestHost.Start();

        var response = await host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    private static async Task AssertClientError(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Single(body);
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
