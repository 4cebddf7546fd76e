using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.Clay;

/// <summary>A Clay simulator on a free loopback port and a fake clock, with helpers for its webhook, Public API and control API.</summary>
internal sealed class ClayTestHost : IAsyncDisposable
{
    public const string TableId = "t_leads";
    public const string SourceId = "pull-in-data-from-a-webhook-test-source";

    private ClayTestHost(ClayOptions options, FakeTimeProvider clock)
    {
        Options = options;
        Clock = clock;
        Simulator = new ClaySimulator(options, SimulatorFactory.Settings(), clock, NullLoggerFactory.Instance);
        Simulator.Start();
        Http = new HttpClient { BaseAddress = new Uri(Simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public ClayOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    public ClaySimulator Simulator { get; }

    public HttpClient Http { get; }

    /// <summary>One table (<see cref="TableId"/>, source <see cref="SourceId"/>), no no-match rows, 2 s enrichment delay.</summary>
    public static ClayTestHost Start(Action<ClayOptions>? configure = null, Action<ClayTableOptions>? table = null)
    {
        var tableOptions = new ClayTableOptions { Id = TableId, Name = "leads", WebhookSourceId = SourceId };
        table?.Invoke(tableOptions);
        var options = new ClayOptions { Port = 0, NoMatchRate = 0, Tables = [tableOptions] };
        configure?.Invoke(options);
        return new ClayTestHost(options, SimulatorFactory.NewClock());
    }

    public Task<HttpResponseMessage> Submit(object body, string? token = null, string sourceId = SourceId) =>
        Send(HttpMethod.Post, $"/v3/sources/webhook/{sourceId}", JsonContent.Create(body), token);

    public Task<HttpResponseMessage> SubmitRaw(string body, string contentType = "application/json", string sourceId = SourceId) =>
        Send(HttpMethod.Post, $"/v3/sources/webhook/{sourceId}", new StringContent(body, Encoding.UTF8, contentType), token: null);

    public async Task<HttpResponseMessage> PublicApi(HttpMethod method, string path, object? body = null, string? apiKey = "default")
    {
        using var request = new HttpRequestMessage(method, "/public/v0" + path) { Content = body is null ? null : JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("clay-api-key", apiKey == "default" ? Options.ApiKey : apiKey);
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonArray> Rows(string tableId = TableId) =>
        (await Http.GetFromJsonAsync<JsonArray>($"/__gtmguard/tables/{tableId}/rows"))!;

    /// <summary>Moves the fake clock past the enrichment delay so every queued row is enriched.</summary>
    public void FinishEnrichment() => Clock.Advance(Options.EnrichmentDelay);

    /// <summary>Moves the fake clock in steps until the condition holds; deliveries run on real sockets in between.</summary>
    public async Task AdvanceUntil(Func<bool> condition, TimeSpan step, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps && !condition(); i++)
        {
            await Task.Delay(15);
            if (!condition())
            {
                Clock.Advance(step);
            }
        }

        Assert.True(condition(), "condition not met; deliveries: " + string.Join(" | ", Simulator.Webhooks!.Log.Snapshot().Select(a => $"{a.DeliveryId}#{a.Attempt}:{a.Outcome}")));
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent content, string? token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Add("x-clay-webhook-auth", token);
        }

        return await Http.SendAsync(request);
    }
}
