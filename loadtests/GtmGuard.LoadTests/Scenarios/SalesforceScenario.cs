using System.Globalization;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Reports;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.Sync.Vendors.Salesforce;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// (2) Salesforce: the same leads upserted by external id through the sync core's <see cref="SalesforceClient"/>, either
/// as sObject Collections (200 per call) or as Bulk API 2.0 jobs. Run both in one invocation to compare records/s and
/// API calls used. A record is done when the upsert that carried it reports it written.
/// </summary>
public sealed class SalesforceScenario : BatchingScenario
{
    private const string ExternalIdField = "External_Id__c";

    private readonly bool _bulk;
    private long _dailyLimit;

    public SalesforceScenario(bool bulk) => _bulk = bulk;

    public override string Name => _bulk ? "salesforce-bulk" : "salesforce-collections";

    public override string Description => _bulk
        ? "Leads upserted by external id as Salesforce Bulk API 2.0 jobs (10,000 records per job)."
        : "Leads upserted by external id as Salesforce sObject Collections (200 records per call).";

    public override LoadModel DefaultModel => new ConstantArrivalRate(5000) { Records = 20_000 };

    /// <summary>Salesforce's allocation is per rolling 24 hours: the sustained ceiling is the daily limit spread over the day.</summary>
    public override Ceiling? Ceiling => _dailyLimit <= 0 ? null : _bulk
        ? new Ceiling(Math.Round(_dailyLimit / 86_400.0 * BulkRecordsPerCall(), 1), $"Salesforce {_dailyLimit:N0} API requests per 24 h × {BulkRecordsPerCall():0.#} records per call (this run's bulk calls per record)")
        : Ceiling.From((int)Math.Min(int.MaxValue, _dailyLimit), TimeSpan.FromDays(1), SalesforceClient.CollectionLimit, "Salesforce daily API allocation");

    public override IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>
    {
        ["api_calls"] = ApiCalls().ToString(CultureInfo.InvariantCulture),
        ["records_per_api_call"] = (ApiCalls() == 0 ? 0 : Recorder.Completed / (double)ApiCalls()).ToString("0.0", CultureInfo.InvariantCulture),
    };

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var simulators = Context.Options.Simulators();
        simulators.HubSpot.Enabled = false;
        simulators.Outreach.Enabled = false;
        simulators.Clay.Enabled = false;
        _dailyLimit = simulators.Settings.EnforceQuotas ? simulators.Salesforce.DailyApiRequestLimit : 0;
        var settings = Context.Options.SyncSettings(new Dictionary<string, string?>
        {
            ["Sync:Vendors:Salesforce:BulkThreshold"] = _bulk ? "1" : "100000000",
            ["Sync:Workflows:Enrichment"] = "false",
            ["Sync:Workflows:Qualified"] = "false",
            ["Sync:Workflows:OptOut"] = "false",
            ["Sync:Vendors:Salesforce:Quota:DailyLimit"] = simulators.Salesforce.DailyApiRequestLimit.ToString(CultureInfo.InvariantCulture),
        });
        var stack = await SystemUnderTest.StartAsync(simulators, settings, Recorder, null, cancellationToken, placement: Context.Options.SimulatorPlacement).ConfigureAwait(false);
        var client = stack.Service<SalesforceClient>();
        Use(stack, new LeadBatcher(_bulk ? 10_000 : 2_000, TimeSpan.FromMilliseconds(_bulk ? 1000 : 100), _bulk ? 2 : 4, async (batch, ct) =>
        {
            var records = batch.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [ExternalIdField] = LoadLeads.Email(s),
                ["Email"] = LoadLeads.Email(s),
                ["LastName"] = LoadLeads.LastName(s),
                ["Company"] = "GtmGuard Load",
            });
            var result = await client.UpsertManyAsync("Lead", ExternalIdField, records, ct).ConfigureAwait(false);
            foreach (var record in result.Records)
            {
                if (record.IsSuccess && LoadLeads.Sequence(record.ExternalId) is { } sequence)
                {
                    Recorder.MarkCompleted(sequence);
                }
                else if (!record.IsSuccess)
                {
                    Recorder.RecordError("salesforce_" + record.Outcome.ToString().ToLowerInvariant());
                }
            }
        }));
    }

    public override Task<bool> IsDrainedAsync(CancellationToken cancellationToken) => Task.FromResult(Pending == 0);

    public override async Task<ReconciliationResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        await BeforeReconcileAsync(cancellationToken).ConfigureAwait(false);

        return await LoadLeads.ReconcileSalesforceAsync(Stack.Simulators.Urls.Salesforce!, "Lead", Context.Issued(), _ => true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>API calls against the org's allocation (token calls are not metered by Salesforce).</summary>
    private long ApiCalls() => Recorder.CallsByOperation.Where(c => c.Key.StartsWith("gtmguard.salesforce:", StringComparison.Ordinal)).Sum(c => c.Value);

    private double BulkRecordsPerCall() => ApiCalls() == 0 ? 0 : Math.Max(1, Recorder.Completed) / (double)ApiCalls();
}
