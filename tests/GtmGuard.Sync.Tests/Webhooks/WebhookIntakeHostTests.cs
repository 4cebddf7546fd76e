using System.Net;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Tests.Webhooks;

public sealed class WebhookIntakeHostTests
{
    [Fact]
    public async Task ABodyOverTheLimit_Is413_AndNothingIsStored()
    {
        await using var host = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Intake:MaxBodyBytes"] = "2048" });
        var row = $$"""{"row_id":"r_1","notes":"{{new string('x', 4096)}}"}""";

        using var response = await host.PostAsync("/webhooks/clay", row, new Dictionary<string, string> { ["x-clay-webhook-auth"] = IntakeTestHost.ClayToken });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await host.InboxAsync());
    }

    [Fact]
    public async Task AChunkedBodyWithoutALength_IsStillReadWhole_AndOverTheLimitIs413()
    {
        await using var host = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Intake:MaxBodyBytes"] = "2048" });
        var row = $$"""{"row_id":"r_chunked","email":"chunked@example.com","notes":"{{new string('y', 1500)}}"}""";
        var tooLarge = $$"""{"row_id":"r_big","notes":"{{new string('x', 4096)}}"}""";

        using var stored = await host.Http.SendAsync(Chunked(row));
        using var refused = await host.Http.SendAsync(Chunked(tooLarge));

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal(row.Length, Assert.Single(await host.InboxAsync()).Payload.Length);
    }

    /// <summary>A Clay delivery sent with Transfer-Encoding: chunked, so the request declares no Content-Length.</summary>
    private static HttpRequestMessage Chunked(string body)
    {
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/clay") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("x-clay-webhook-auth", IntakeTestHost.ClayToken);
        return request;
    }

    [Fact]
    public async Task ADisabledVendor_Answers404()
    {
        await using var host = await IntakeTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Intake:Outreach:Enabled"] = "false", ["Sync:Intake:Outreach:SecretFile"] = null });

        using var response = await host.PostAsync("/webhooks/outreach", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sync:Intake:Outreach:Enabled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sync:Intake:HubSpot:ClientSecretFile", "/nonexistent/gtmguard/hubspot.secret", "Sync:Intake:HubSpot:ClientSecretFile")]
    [InlineData("Sync:Intake:Clay:TokenFile", "", "Sync:Intake:Clay:TokenEnv or Sync:Intake:Clay:TokenFile is required")]
    [InlineData("Sync:Intake:Url", "http://0.0.0.0:5110", "not a loopback address")]
    [InlineData("Sync:Intake:PublicBaseUrl", "hooks.example.com", "Sync:Intake:PublicBaseUrl")]
    [InlineData("Sync:Inbox:Workers", "0", "Workers")]
    [InlineData("Sync:Store:FileName", "../escape.db", "FileName")]
    public async Task Misconfiguration_FailsStartUp_NamingTheSetting(string key, string value, string named)
    {
        var start = () => IntakeTestHost.StartAsync(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(start);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretNamedByAnUnsetEnvironmentVariable_IsReportedByName()
    {
        var options = new WebhookIntakeOptions { Outreach = new() { Enabled = false }, Clay = new() { Enabled = false } };
        options.HubSpot.ClientSecretEnv = "GTMGUARD_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var result = new WebhookIntakeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Sync:Intake:HubSpot:ClientSecretEnv names the environment variable '{options.HubSpot.ClientSecretEnv}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultUrl_IsTheDocumentedLoopbackPort()
    {
        var options = new ConfigurationBuilder().Build().GetSection(WebhookIntakeOptions.Section).Get<WebhookIntakeOptions>() ?? new WebhookIntakeOptions();

        Assert.Equal("http://127.0.0.1:5110", options.Url);
    }
}
