using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.LoadTests.Hosting;

/// <summary>The simulators in the runner's own process.</summary>
internal sealed class InProcessSimulators : RunningSimulators
{
    private readonly SimulatorHost _host;

    private InProcessSimulators(SimulatorHost host)
        : base(host.Options, SimulatorUrls.Of(host)) => _host = host;

    public static async Task<InProcessSimulators> StartAsync(SimulatorsOptions options)
    {
        var host = new SimulatorHost(options, TimeProvider.System, NullLoggerFactory.Instance);
        try
        {
            host.Start();
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new InProcessSimulators(host);
    }

    public override Task<int> PendingWebhooksAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_host.All.Sum(s => s.Webhooks?.Pending ?? 0));

    public override ValueTask DisposeAsync() => _host.DisposeAsync();
}
