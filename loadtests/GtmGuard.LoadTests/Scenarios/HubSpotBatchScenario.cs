using System.Globalization;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Reports;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Vendors.HubSpot;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// The sync core's HubSpot batch upsert on its own: records batched 100 per call into <see cref="HubSpotClient"/>,
/// through its whole handler chain (auth, retry honouring <c>Retry-After</c>, the shared quota limiter that adapts to
/// HubSpot's rate-limit headers, the attempt timeout). What the quota allows is the ceiling; this shows how close the
/// client gets. A record is done when the batch that carried it succeeded.
/// </summary>
public sealed class HubSpotBatchScenario : BatchingScenario
{
    private Ceiling? _ceiling;

    public override string Name => "hubspot-batch";

    public override string Description => "Sync core HubSpot batch upsert (100 per call) under the shared quota limiter, fed faster than the quota allows.";

    public override LoadModel DefaultModel => new ConstantArrivalRate(1100) { Duration = TimeSpan.FromSeconds(60), WarmUp = TimeSpan.FromSeconds(10) };

    public override Ceiling? Ceiling => _ceiling;

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var simulators = Context.Options.Simulators();
        simulators.Salesforce.Enabled = false;
        simulators.Outreach.Enabled = false;
        simulators.Clay.Enabled = false;
        var limits = HubSpotRateLimits.From(simulators.HubSpot);
        if (simulators.Settings.EnforceQuotas)
        {
            _ceiling = Ceiling.From(limits.TenSecondLimit, TimeSpan.FromSeconds(10), HubSpotClient.BatchLimit, $"HubSpot {simulators.HubSpot.Tier} private app");
        }

        var settings = Context.Options.SyncSettings(new Dictionary<string, string?>
        {
            ["Sync:Workflows:Enrichment"] = "false",
            ["Sync:Workflows:Qualified"] = "false",
            ["Sync:Workflows:OptOut"] = "false",
            ["Sync:Vendors:HubSpot:Quota:TenSecondLimit"] = limits.TenSecondLimit.ToString(CultureInfo.InvariantCulture),
            ["Sync:Vendors:HubSpot:Quota:DailyLimit"] = limits.DailyLimit.ToString(CultureInfo.InvariantCulture),
        });
        var stack = await SystemUnderTest.StartAsync(simulators, settings, Recorder, null, cancellationToken, placement: Context.Options.SimulatorPlacement).ConfigureAwait(false);
        var client = stack.Service<HubSpotClient>();
        Use(stack, new LeadBatcher(HubSpotClient.BatchLimit, TimeSpan.FromMilliseconds(100), 8, async (batch, ct) =>
        {
            var inputs = batch.Select(s => new HubSpotContactInput(LoadLeads.Email(s), new Dictionary<string, string?>
            {
                ["firstname"] = "Load",
                ["lastname"] = LoadLeads.LastName(s),
                ["company"] = "GtmGuard Load",
            }));
            var result = await client.UpsertContactsAsync(inputs, ct).ConfigureAwait(false);
            foreach (var contact in result.Contacts)
            {
                if (LoadLeads.Sequence(contact.Email) is { } sequence)
                {
                    Recorder.MarkCompleted(sequence);
                }
            }

            foreach (var failure in result.Failures)
            {
                Recorder.RecordError("upsert_" + failure.Outcome.ToString().ToLowerInvariant());
            }
        }));
    }

    public override Task<bool> IsDrainedAsync(CancellationToken cancellationToken) => Task.FromResult(Pending == 0);

    public override async Task<ReconciliationResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        await BeforeReconcileAsync(cancellationToken).ConfigureAwait(false);

        return await LoadLeads.ReconcileHubSpotAsync(Stack.Simulators.Urls.HubSpot!, Context.Issued(), _ => true, cancellationToken).ConfigureAwait(false);
    }
}
