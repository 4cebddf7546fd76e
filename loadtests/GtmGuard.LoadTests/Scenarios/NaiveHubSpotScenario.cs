using System.Net.Http.Headers;
using System.Text;
using GtmGuard.LoadTests.Metrics;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Reports;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// The baseline the sync core is measured against: a naive per-record sync, one HubSpot upsert call per record, no quota
/// pacing, only a retry after each 429 (honouring <c>Retry-After</c>, else one second). Same simulator, same quota.
/// </summary>
public sealed class NaiveHubSpotScenario : LoadScenario
{
    private const int MaxAttempts = 30;

    private SimulatorHost _simulators = null!;
    private HttpClient _http = null!;
    private Ceiling? _ceiling;

    public override string Name => "hubspot-naive";

    public override string Description => "Naive per-record sync: one HubSpot upsert call per record, retry on 429 only, no pacing.";

    public override LoadModel DefaultModel => new ConstantConcurrency(16) { Duration = TimeSpan.FromSeconds(60), WarmUp = TimeSpan.FromSeconds(10) };

    public override Ceiling? Ceiling => _ceiling;

    protected override Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var options = Context.Options.Simulators();
        options.Salesforce.Enabled = false;
        options.Outreach.Enabled = false;
        options.Clay.Enabled = false;
        if (options.Settings.EnforceQuotas)
        {
            _ceiling = Ceiling.From(HubSpotRateLimits.From(options.HubSpot).TenSecondLimit, TimeSpan.FromSeconds(10), 100, $"HubSpot {options.HubSpot.Tier} private app (batch of 100; this client sends 1)");
        }

        _simulators = new SimulatorHost(options, TimeProvider.System, NullLoggerFactory.Instance);
        _simulators.Start();
        _http = new HttpClient(new RequestTimingHandler("naive.hubspot", Recorder, null) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = new Uri(_simulators.HubSpot!.BaseUrl),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.HubSpot.PrivateAppToken);
        return Task.CompletedTask;
    }

    public override async ValueTask ExecuteAsync(long sequence, CancellationToken cancellationToken)
    {
        Recorder.MarkSubmitted(sequence);
        var body = $$$"""{"inputs":[{"idProperty":"email","id":"{{{LoadLeads.Email(sequence)}}}","properties":{"email":"{{{LoadLeads.Email(sequence)}}}","firstname":"Load","lastname":"{{{LoadLeads.LastName(sequence)}}}","company":"GtmGuard Load"}}]}""";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("crm/v3/objects/contacts/batch/upsert", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            if (attempt > 1)
            {
                RequestTimingHandler.MarkRetry(request);
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Recorder.MarkCompleted(sequence);
                return;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        Recorder.RecordError("gave_up");
    }

    public override Task<bool> IsDrainedAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public override async Task<ReconciliationResult> ReconcileAsync(CancellationToken cancellationToken) =>
        await LoadLeads.ReconcileHubSpotAsync(_simulators.HubSpot!.BaseUrl, Context.Issued(), _ => true, cancellationToken).ConfigureAwait(false);

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_simulators is not null)
        {
            await _simulators.DisposeAsync().ConfigureAwait(false);
        }
    }
}
