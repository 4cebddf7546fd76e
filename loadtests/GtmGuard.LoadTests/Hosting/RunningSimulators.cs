using System.Diagnostics;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.LoadTests.Hosting;

/// <summary>
/// The vendor simulators a run drives, as the runner sees them: the options they started with, where they listen, and
/// how many webhooks they still have to deliver. They run in this process or in a child process reached only over HTTP.
/// </summary>
public abstract class RunningSimulators : IAsyncDisposable
{
    protected RunningSimulators(SimulatorsOptions options, SimulatorUrls urls)
    {
        Options = options;
        Urls = urls;
    }

    public SimulatorsOptions Options { get; }

    public SimulatorUrls Urls { get; }

    /// <summary>The simulators' own process when they run apart from the runner (its memory is reported on its own).</summary>
    public virtual Process? Process => null;

    /// <summary>Webhook deliveries every simulator still has to make (first attempts and retries).</summary>
    public abstract Task<int> PendingWebhooksAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>Starts the simulators where <paramref name="placement"/> says.</summary>
    public static async Task<RunningSimulators> StartAsync(SimulatorsOptions options, SimulatorPlacement placement, CancellationToken cancellationToken) =>
        placement == SimulatorPlacement.External
            ? await SimulatorProcess.StartAsync(options, cancellationToken).ConfigureAwait(false)
            : await InProcessSimulators.StartAsync(options).ConfigureAwait(false);
}

/// <summary>Where a run starts the simulators.</summary>
public enum SimulatorPlacement
{
    /// <summary>In the runner's process (their memory counts with the runner's).</summary>
    InProcess,

    /// <summary>In a child process on free loopback ports, configured at start and reached over HTTP only.</summary>
    External,
}
