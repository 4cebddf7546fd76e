using System.Net;
using System.Text;
using GtmGuard.Simulators.Clay;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Contracts.Tests.Conformance;

/// <summary>Drives Clay's webhook source, Public API and the HTTP API column's enriched-row callbacks against the snapshot.</summary>
public sealed class ClayConformanceTests : IAsyncLifetime
{
    private const string Source = "/v3/sources/webhook/pull-in-data-from-a-webhook-conformance";

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = ConformanceHarness.NewClock();
    private readonly WebhookSink _sink = new();
    private ClayOptions _options = null!;
    private ClaySimulator _simulator = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _options = new ClayOptions
        {
            Port = 0,
            CreditBudget = 4,
            NoMatchRate = 0.3,
            EnrichmentDelay = TimeSpan.FromSeconds(1),
            Tables = [new ClayTableOptions { Id = "t_leads", Name = "Leads", WebhookSourceId = "pull-in-data-from-a-webhook-conformance", WebhookAuthToken = "table-token", CallbackUrl = _sink.Url.ToString(), CallbackRequests = 100 }],
        };
        var settings = ConformanceHarness.Settings();
        settings.Webhooks.TimeCompression = 1;
        _simulator = new ClaySimulator(_options, settings, _clock, NullLoggerFactory.Instance);
        _simulator.Start();
        _http = new HttpClient { BaseAddress = new Uri(_simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
        _sink.Dispose();
    }

    [Fact]
    public async Task WebhookSourcePublicApiAndEnrichedRowCallbacks_MatchTheSnapshot_WithZeroFindings()
    {
        await SubmitAsync("{\"email\":\"ada@example.com\",\"first_name\":\"Ada\"}", "table-token", HttpStatusCode.OK);
        var rows = string.Join(',', Enumerable.Range(1, 7).Select(i => $"{{\"email\":\"lead{i}@example.com\",\"company\":\"Co {i}\",\"score\":{i}}}"));
        await SubmitAsync("[" + rows + "]", "table-token", HttpStatusCode.OK);
        await SubmitAsync("{\"email\":\"x@example.com\"}", null, HttpStatusCode.Unauthorized);
        await SubmitAsync("[]", "table-token", HttpStatusCode.BadRequest);
        await SendAsync(HttpMethod.Post, "/v3/sources/webhook/unknown-source", "{\"email\":\"x@example.com\"}", HttpStatusCode.NotFound, "table-token");
        await SendAsync(HttpMethod.Get, "/public/v0/me", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, "/public/v0/me", null, HttpStatusCode.Unauthorized, apiKey: "wrong");
        await SendAsync(HttpMethod.Post, "/public/v0/tables/query", "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}]},\"limit\":3}", HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, "/public/v0/tables/query", "{\"query\":{\"tables\":[{\"id\":\"t_none\"}]}}", HttpStatusCode.NotFound);
        _clock.Advance(_options.EnrichmentDelay);
        // Rows that ran out of credits are not called back; every other row is.
        var statuses = System.Text.Json.Nodes.JsonNode.Parse(await _http.GetStringAsync("/__gtmguard/tables/t_leads/rows"))!.AsArray().Select(r => r!["status"]!.GetValue<string>()).ToList();
        var calledBack = statuses.Count(s => s != "out_of_credits");
        await ConformanceHarness.AdvanceUntilAsync(_clock, () => _sink.Count >= calledBack, TimeSpan.FromMilliseconds(250));
        await SendAsync(HttpMethod.Post, "/public/v0/tables/query", "{\"query\":{\"tables\":[{\"id\":\"t_leads\"}]},\"limit\":100}", HttpStatusCode.PaymentRequired);

        var api = await ConformanceHarness.CheckJournalAsync(_simulator.BaseUrl, "clay");
        var callbacks = await ConformanceHarness.CheckJournalAsync(_sink.BaseUrl, webhookVendor: "clay");

        ConformanceHarness.AssertClean(api);
        ConformanceHarness.AssertClean(callbacks);
        Assert.Equal(calledBack, callbacks.Operations.Single(o => o.Operation == "webhook:enrichedRow").Count);
        Assert.Contains("out_of_credits", statuses);
        var all = new GtmGuard.Contracts.Reports.ContractReport { Title = "all", Subject = "all", Findings = [], Operations = [.. api.Operations, .. callbacks.Operations] };
        await ConformanceHarness.AssertCoversAsync(all, "clay");
        Assert.Contains(_sink.Bodies, b => b.Contains("\"enriched\"", StringComparison.Ordinal));
    }

    private Task SubmitAsync(string body, string? token, HttpStatusCode expected) => SendAsync(HttpMethod.Post, Source, body, expected, token);

    private async Task SendAsync(HttpMethod method, string path, string? body, HttpStatusCode expected, string? webhookToken = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (webhookToken is not null)
        {
            request.Headers.Add("x-clay-webhook-auth", webhookToken);
        }

        request.Headers.Add("clay-api-key", apiKey ?? _options.ApiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
    }
}
