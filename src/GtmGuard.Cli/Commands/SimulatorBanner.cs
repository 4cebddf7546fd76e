using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Cli.Commands;

/// <summary>Prints each simulator's URLs and credentials so any client or SDK can be pointed at it.</summary>
internal static class SimulatorBanner
{
    public static void Print(IServiceProvider services, TextWriter output)
    {
        var host = services.GetRequiredService<SimulatorHost>();
        output.WriteLine();
        output.WriteLine("GtmGuard simulators (Ctrl+C to stop)");
        foreach (var simulator in host.All)
        {
            output.WriteLine();
            output.WriteLine($"  {simulator.Name,-11} {simulator.BaseUrl}");
            output.WriteLine($"  {"",-11} control  {simulator.BaseUrl}/__gtmguard/info   admin  {simulator.BaseUrl}/__admin/mappings");
            foreach (var (name, value) in simulator.Credentials)
            {
                output.WriteLine($"  {"",-11} {name,-20} {value}");
            }

            if (simulator.Chaos.Plan is { IsEmpty: false } plan)
            {
                output.WriteLine($"  {"",-11} chaos    {plan.Name} (scenario seed {host.Scenario?.Seed}, {plan.Rules.Count} rules, {plan.Events.Count} events)");
            }
        }

        output.WriteLine();
        output.Flush();
    }
}
