using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Storage;

/// <summary>Registers the sync store.</summary>
public static class SyncStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISyncStore"/> as the embedded SQLite store, with <see cref="SyncStoreOptions"/> bound from
    /// <c>Sync:Store</c> and validated at start-up, and creates or migrates the schema when the host starts.
    /// </summary>
    public static IServiceCollection AddGtmGuardSyncStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncStoreOptions>()
            .Bind(configuration.GetSection(SyncStoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteSyncStore(sp.GetRequiredService<IOptions<SyncStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISyncStore>(sp => sp.GetRequiredService<SqliteSyncStore>());
        services.TryAddSingleton<IInboxBatchStore>(sp => sp.GetRequiredService<SqliteSyncStore>());
        services.AddHostedService<SyncStoreInitializer>();
        return services;
    }
}

/// <summary>Opens and migrates the store when the host starts, so a bad path fails start-up rather than the first webhook.</summary>
internal sealed class SyncStoreInitializer(SqliteSyncStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
