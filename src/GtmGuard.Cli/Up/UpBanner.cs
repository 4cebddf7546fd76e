using GtmGuard.Cli.Commands;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Cli.Up;

/// <summary>Prints the simulators, then the sync core's intake endpoints and store.</summary>
internal static class UpBanner
{
    public static void Print(IServiceProvider simulators, Uri intake, SyncStoreOptions store, Uri probes, TextWriter output)
    {
        SimulatorBanner.Print(simulators, output);
        output.WriteLine("GtmGuard sync core");
        output.WriteLine();
        output.WriteLine($"  {"intake",-11} {intake.AbsoluteUri.TrimEnd('/')}");
        foreach (var vendor in new[] { "hubspot", "outreach", "clay" })
        {
            output.WriteLine($"  {"",-11} POST {new Uri(intake, "/webhooks/" + vendor).AbsoluteUri}");
        }

        output.WriteLine($"  {"store",-11} {store.DatabasePath}");
        output.WriteLine($"  {"workflows",-11} enrichment (Clay → HubSpot + Salesforce), qualified (HubSpot → Outreach), optout (Outreach → all)");
        output.WriteLine();
        output.WriteLine("GtmGuard probe service");
        output.WriteLine();
        output.WriteLine($"  {"dashboard",-11} {probes.AbsoluteUri.TrimEnd('/')}/");
        output.WriteLine($"  {"health",-11} {new Uri(probes, "/api/health").AbsoluteUri}");
        output.WriteLine($"  {"metrics",-11} {new Uri(probes, "/metrics").AbsoluteUri}");
        output.WriteLine();
        output.WriteLine("GtmGuard is up (Ctrl+C to stop)");
        output.Flush();
    }
}
