using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Configuration;
using GtmGuard.LoadTests.Hosting;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>Knobs every scenario honours: settings for the simulators and the sync core, a seed, and a hook before reconciling.</summary>
public sealed class ScenarioOptions
{
    /// <summary>Configuration keys (<c>Simulators:…</c> bound onto the simulators, <c>Sync:…</c> given to the sync core).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Seed { get; set; } = 20_261_127;

    /// <summary>Where the simulators run: in the runner's process, or in their own (their memory then reported apart).</summary>
    public SimulatorPlacement SimulatorPlacement { get; set; } = SimulatorPlacement.InProcess;

    /// <summary>Chaos scenario file applied to the simulators at start (the GTM day uses the standard one when unset).</summary>
    public string? ChaosScenarioPath { get; set; }

    /// <summary>How long to wait for queues to drain after the load stops before reconciling anyway.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Runs just before reconciliation (tests remove a record here to prove reconciliation notices).</summary>
    public Func<SystemUnderTest, CancellationToken, Task>? BeforeReconcile { get; set; }

    /// <summary>The simulator options: load-test defaults, then every <c>Simulators:…</c> setting.</summary>
    public SimulatorsOptions Simulators()
    {
        var options = SystemUnderTest.DefaultSimulators();
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(Settings.Where(s => s.Key.StartsWith("Simulators:", StringComparison.OrdinalIgnoreCase)))
            .Build()
            .GetSection("Simulators");
        section.Bind(options);
        if (ChaosScenarioPath is not null)
        {
            options.Settings.ScenarioPath = ChaosScenarioPath;
        }

        return options;
    }

    /// <summary>Every <c>Sync:…</c> setting, over <paramref name="defaults"/>.</summary>
    public Dictionary<string, string?> SyncSettings(IReadOnlyDictionary<string, string?>? defaults = null)
    {
        var settings = new Dictionary<string, string?>(defaults ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Settings.Where(s => s.Key.StartsWith("Sync:", StringComparison.OrdinalIgnoreCase)))
        {
            settings[key] = value;
        }

        return settings;
    }
}
