using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Simulators.Salesforce;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Simulators.Hosting;

/// <summary>Starts the enabled vendor simulators, applies the start-up scenario, and stops them together.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly List<VendorSimulator> _simulators = [];

    public SimulatorHost(SimulatorsOptions options, TimeProvider clock, ILoggerFactory loggers)
    {
        Options = options;
        if (options.Salesforce.Enabled)
        {
            Salesforce = new SalesforceSimulator(options.Salesforce, options.Settings, clock, loggers);
            _simulators.Add(Salesforce);
        }

        if (options.HubSpot.Enabled)
        {
            HubSpot = new HubSpotSimulator(options.HubSpot, options.Settings, clock, loggers);
            _simulators.Add(HubSpot);
        }

        if (options.Outreach.Enabled)
        {
            Outreach = new OutreachSimulator(options.Outreach, options.Settings, clock, loggers);
            _simulators.Add(Outreach);
        }

        if (options.Clay.Enabled)
        {
            Clay = new ClaySimulator(options.Clay, options.Settings, clock, loggers);
            _simulators.Add(Clay);
        }
    }

    public SimulatorsOptions Options { get; }

    public SalesforceSimulator? Salesforce { get; }

    public HubSpotSimulator? HubSpot { get; }

    public OutreachSimulator? Outreach { get; }

    public ClaySimulator? Clay { get; }

    public IReadOnlyList<VendorSimulator> All => _simulators;

    /// <summary>The scenario applied at start, if any.</summary>
    public ChaosScenarioDocument? Scenario { get; private set; }

    /// <summary>Starts every simulator; a scenario path that cannot be loaded fails before any port opens.</summary>
    public void Start()
    {
        Scenario = Options.Settings.ScenarioPath is { Length: > 0 } path ? ChaosPlanParser.LoadScenario(path) : null;
        if (Scenario is not null && Options.Settings.ScenarioSeed is { } seed)
        {
            Scenario.Seed = seed;
        }

        foreach (var simulator in _simulators)
        {
            simulator.Start();
            if (Scenario is not null)
            {
                simulator.Chaos.Apply(ChaosPlanParser.PlanFor(Scenario, simulator.Name));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var simulator in _simulators)
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
