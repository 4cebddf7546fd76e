using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GtmGuard.Simulators.Tests.Webhooks;

/// <summary>A loopback HTTP endpoint that records webhook deliveries and answers with scripted statuses.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly WireMockServer _server;
    private readonly Queue<int> _statuses = new();
    private readonly List<ReceivedDelivery> _received = [];
    private readonly Lock _gate = new();

    public WebhookReceiver()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], Logger = new WireMock.Logging.WireMockNullLogger() });
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithCallback(request =>
        {
            lock (_gate)
            {
                _received.Add(new ReceivedDelivery(
                    request.Body ?? string.Empty,
                    request.Headers!.ToDictionary(h => h.Key, h => h.Value.First(), StringComparer.OrdinalIgnoreCase),
                    request.AbsoluteUrl));
                return new WireMock.ResponseMessage { StatusCode = _statuses.Count > 0 ? _statuses.Dequeue() : 200 };
            }
        }));
    }

    public Uri Url => new($"http://127.0.0.1:{_server.Ports[0]}/hooks");

    /// <summary>The next answers, in order; 200 once they run out.</summary>
    public void AnswerWith(params int[] statuses)
    {
        lock (_gate)
        {
            foreach (var status in statuses)
            {
                _statuses.Enqueue(status);
            }
        }
    }

    public IReadOnlyList<ReceivedDelivery> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    public void Dispose() => _server.Stop();
}

internal sealed record ReceivedDelivery(string Body, IReadOnlyDictionary<string, string> Headers, string Url)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
