using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GtmGuard.Contracts.Tests.Conformance;

/// <summary>A loopback webhook receiver that answers 200 and keeps a WireMock journal of every delivery.</summary>
internal sealed class WebhookSink : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings
    {
        Urls = ["http://127.0.0.1:0"],
        StartAdminInterface = true,
        Logger = new WireMock.Logging.WireMockNullLogger(),
    });

    public WebhookSink() => _server.Given(Request.Create().UsingPost().WithPath("/hooks")).RespondWith(Response.Create().WithStatusCode(200));

    public string BaseUrl => $"http://127.0.0.1:{_server.Ports[0]}";

    public Uri Url => new(BaseUrl + "/hooks");

    public int Count => Bodies.Count;

    /// <summary>The bodies delivered so far, in arrival order.</summary>
    public IReadOnlyList<string> Bodies => _server.LogEntries.Where(e => e.RequestMessage.Path == "/hooks").Select(e => e.RequestMessage.Body ?? string.Empty).ToList();

    public void Dispose() => _server.Stop();
}
