using System.Net;
using System.Text;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Vendors;

/// <summary>The recorded HTTP exchange keeps everything a dead letter needs, and its redacted form none of the credentials.</summary>
public sealed class ExchangeRecordingTests
{
    private static readonly string[] Secrets =
    [
        "bearer-access-token-1111", "session-cookie-2222", "hubspot-signature-3333", "client-secret-4444",
        "refresh-token-5555", "set-cookie-6666", "issued-access-token-7777", "rotated-refresh-token-8888", "clay-key-9999",
    ];

    /// <summary>The far end of the wire: answers a token grant the way OAuth servers do.</summary>
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent($$"""{"error":"invalid_grant","access_token":"{{Secrets[6]}}","refresh_token":"{{Secrets[7]}}"}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("Set-Cookie", $"sid={Secrets[5]}; HttpOnly");
            response.Headers.Add("X-Request-Id", "req-42");
            return Task.FromResult(response);
        }
    }

    [Fact]
    public async Task AnExchange_IsRecordedWhole_AndItsRedactedFormHoldsNoSecret()
    {
        using var http = new HttpClient(new ExchangeRecordingHandler { InnerHandler = new TokenEndpoint() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/oauth/token?clay-api-key=" + Secrets[8])
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_secret"] = Secrets[3], ["refresh_token"] = Secrets[4] }),
        };
        request.Headers.Authorization = new("Bearer", Secrets[0]);
        request.Headers.Add("Cookie", "sid=" + Secrets[1]);
        request.Headers.Add("X-HubSpot-Signature-v3", Secrets[2]);

        HttpExchange exchange;
        using (var log = HttpExchangeLog.Begin())
        {
            using var response = await http.SendAsync(request);
            Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            exchange = log.LastSince(0)!;
        }

        var raw = Text(exchange);
        Assert.All(Secrets, secret => Assert.Contains(secret, raw, StringComparison.Ordinal));
        var redacted = exchange.Redacted();
        var kept = Text(redacted);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, kept, StringComparison.Ordinal));
        Assert.Equal(("POST", 400), (redacted.Request.Method, redacted.Response!.StatusCode));
        Assert.StartsWith("http://127.0.0.1:9/oauth/token?", redacted.Request.Url, StringComparison.Ordinal);
        Assert.Contains("grant_type=refresh_token", redacted.Request.Body, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", redacted.Response.Body, StringComparison.Ordinal);
        Assert.Equal("req-42", redacted.Response.Headers["X-Request-Id"]);
        Assert.StartsWith("application/json", redacted.Response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Null(HttpExchangeLog.Current);
    }

    [Fact]
    public async Task AfterTheLogIsDisposed_ItsFlowRecordsNothingMore()
    {
        using var http = new HttpClient(new ExchangeRecordingHandler { InnerHandler = new TokenEndpoint() });
        var log = HttpExchangeLog.Begin();
        using (await http.GetAsync(new Uri("http://127.0.0.1:9/inside")))
        {
        }

        log.Dispose();
        using (await http.GetAsync(new Uri("http://127.0.0.1:9/outside")))
        {
        }

        Assert.Equal(1, log.Count);
        Assert.EndsWith("/inside", log.LastSince(0)!.Request.Url, StringComparison.Ordinal);
    }

    private static string Text(HttpExchange exchange) =>
        string.Join('\n', [
            exchange.Request.Method, exchange.Request.Url, exchange.Request.Body ?? string.Empty,
            .. exchange.Request.Headers.Select(h => $"{h.Key}: {h.Value}"),
            exchange.Response?.Body ?? string.Empty,
            .. (exchange.Response?.Headers ?? new Dictionary<string, string>()).Select(h => $"{h.Key}: {h.Value}"),
        ]);
}
