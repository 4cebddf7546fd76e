using System.Net;
using System.Net.Sockets;
using GtmGuard.Observability.Tests.Tools;

namespace GtmGuard.Observability.Tests.PrometheusRules;

/// <summary>The test helper that starts a real Prometheus: a port taken between picking and binding it is survived.</summary>
public sealed class PrometheusServerTests
{
    [Fact]
    public async Task Start_WhenThePickedPortIsTakenMeanwhile_RetriesOnAnotherPort()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var directory = new TempDirectory();
        var config = directory.File("prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\n", timeout.Token);
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = 0;

        await using var prometheus = await PrometheusServer.StartAsync(
            config, () => picks++ == 0 ? taken : PrometheusServer.FreePort(), timeout.Token);

        Assert.Equal(2, picks);
        Assert.NotEqual(taken, prometheus.Url.Port);
        Assert.Equal(HttpStatusCode.OK, (await prometheus.Http.GetAsync("-/ready", timeout.Token)).StatusCode);
    }
}
