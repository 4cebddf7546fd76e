using System.CommandLine;
using GtmGuard.Sync.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Cli.Commands;

/// <summary>The configured sync store (<c>Sync:Store</c>), for commands that only read or re-queue.</summary>
internal static class StoreAccess
{
    public static ServiceProvider Open(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddGtmGuardSyncStore(configuration);
        return services.BuildServiceProvider();
    }

    public static Option<string?> StoreOption() => new("--store") { Description = "Sync store directory (default ./.gtmguard)." };

    public static Dictionary<string, string?> Overrides(string? store) =>
        store is null ? [] : new Dictionary<string, string?> { ["Sync:Store:Directory"] = store };
}
