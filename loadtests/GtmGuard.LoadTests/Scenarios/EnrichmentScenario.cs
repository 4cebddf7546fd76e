using GtmGuard.LoadTests.Metrics;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Reports;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Workflows.Enrichment;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// (1) Enrichment → HubSpot batch upsert, through the whole sync core: leads go to the Clay simulator in webhook batches
/// of 100 (<see cref="LeadSubmitter"/>), enriched rows come back to the intake, the enrichment workflow stages a HubSpot
/// batch upsert and a Salesforce upsert per lead, and the outbox worker sends them under the shared quota limiters.
/// A record is done when a HubSpot batch upsert carrying it succeeds.
/// </summary>
public class EnrichmentScenario : BatchingScenario, IRequestObserver
{
    private const string HubSpotUpsert = "gtmguard.hubspot:contacts.batch.upsert";

    private Ceiling? _ceiling;

    public override string Name => "enrichment";

    public override string Description => "Leads → Clay → intake → enrichment workflow → HubSpot batch upsert (100/call) and Salesforce upsert, under the real quotas.";

    public override LoadModel DefaultModel => new ConstantArrivalRate(1100) { Duration = TimeSpan.FromSeconds(60), WarmUp = TimeSpan.FromSeconds(10) };

    public override Ceiling? Ceiling => _ceiling;

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var simulators = Context.Options.Simulators();
        ConfigureSimulators(simulators);
        if (simulators.Settings.EnforceQuotas)
        {
            var limits = HubSpotRateLimits.From(simulators.HubSpot);
            _ceiling = Ceiling.From(limits.TenSecondLimit, TimeSpan.FromSeconds(10), 100, $"HubSpot {simulators.HubSpot.Tier} private app");
        }

        var settings = Context.Options.SyncSettings(WorkflowSettings);
        if (simulators.HubSpot.TenSecondLimit is { } limit)
        {
            // The client-side limiter learns the real budget from HubSpot's headers anyway; starting from it skips the first 429s.
            settings.TryAdd("Sync:Vendors:HubSpot:Quota:TenSecondLimit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var stack = await SystemUnderTest.StartAsync(simulators, settings, Recorder, this, cancellationToken, HubSpotWebhooks, placement: Context.Options.SimulatorPlacement).ConfigureAwait(false);
        var submitter = stack.Service<LeadSubmitter>();
        // The sync core submits at most Sync:Vendors:Clay:Quota:WebhookLimit (10) webhook batches a second, so batches
        // linger up to 200 ms to fill: 100 leads per submission from 500 leads/s on, 1,000 leads/s at most.
        Use(stack, new LeadBatcher(100, TimeSpan.FromMilliseconds(200), 8, (batch, ct) => SubmitAsync(submitter, batch, ct)));
        await OnStartedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands one batch to the sync core as a producer would: a submission that throws (a timeout, the Clay quota's
    /// longest wait exceeded) is counted as an error by its type and tried again, up to <see cref="SubmitAttempts"/>
    /// times, so no batch disappears without a trace. A batch Clay took before the failure and takes again still leaves
    /// each lead once in the CRMs, which upsert by email and external id.
    /// </summary>
    private async Task SubmitAsync(LeadSubmitter submitter, IReadOnlyList<long> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var counts = await submitter.SubmitAsync(batch.Select(LoadLeads.Lead).ToList(), cancellationToken).ConfigureAwait(false);
                if (counts.DeadLettered > 0)
                {
                    Recorder.RecordError("clay_submit_failed");
                }

                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Recorder.RecordError("clay_submit_" + ex.GetType().Name);
                if (attempt == SubmitAttempts)
                {
                    throw;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    private const int SubmitAttempts = 5;

    /// <summary>Sync-core settings of the scenario: enrichment only.</summary>
    protected virtual IReadOnlyDictionary<string, string?> WorkflowSettings => new Dictionary<string, string?>
    {
        ["Sync:Workflows:Qualified"] = "false",
        ["Sync:Workflows:OptOut"] = "false",
    };

    /// <summary>Whether HubSpot's contact webhooks go to the intake (only the qualified-lead workflow needs them).</summary>
    protected virtual bool HubSpotWebhooks => false;

    protected virtual void ConfigureSimulators(GtmGuard.Simulators.Hosting.SimulatorsOptions simulators) => simulators.Outreach.Enabled = false;

    protected virtual Task OnStartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Further checks of the end state beyond every lead once in HubSpot and Salesforce.</summary>
    protected virtual Task<IReadOnlyList<ReconciliationResult>> ReconcileMoreAsync(long count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReconciliationResult>>([]);

    public override async Task<bool> IsDrainedAsync(CancellationToken cancellationToken) =>
        Pending == 0 && Recorder.Completed >= Recorder.Submitted && await Stack.IsSettledAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<ReconciliationResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        await BeforeReconcileAsync(cancellationToken).ConfigureAwait(false);

        var count = Context.Issued();
        var hubSpot = await LoadLeads.ReconcileHubSpotAsync(Stack.Simulators.Urls.HubSpot!, count, _ => true, cancellationToken).ConfigureAwait(false);
        var salesforce = await LoadLeads.ReconcileSalesforceAsync(Stack.Simulators.Urls.Salesforce!, "Lead", count, _ => true, cancellationToken).ConfigureAwait(false);
        var more = await ReconcileMoreAsync(count, cancellationToken).ConfigureAwait(false);
        return ReconciliationResult.Combine([hubSpot, salesforce, .. more]);
    }

    public async ValueTask ObserveAsync(string operation, HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (operation != HubSpotUpsert || request.Content is null)
        {
            return;
        }

        var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sequence in LoadLeads.SequencesIn(body))
        {
            Recorder.MarkCompleted(sequence);
        }
    }
}
