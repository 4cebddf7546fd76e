namespace GtmGuard.Probes.Hosting;

/// <summary>
/// Where the probe service finds the sync core's vendor clients, token caches, quota limiters, trackers and store: its
/// own container when it runs alone, the sync core's when both share a process, so credentials, quotas and the
/// dashboard's numbers are one set.
/// </summary>
internal sealed class SyncCoreServices(IServiceProvider provider)
{
    public IServiceProvider Provider { get; } = provider;
}
