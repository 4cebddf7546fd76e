using System.Globalization;
using System.Text;
using System.Text.Json;
using GtmGuard.LoadTests.Metrics;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// (3) A webhook burst into the sync core's intake, as Clay row callbacks: every record gets four versions (event times
/// 1 ms apart) sent out of order, and every fifth delivery is sent twice, byte for byte, as an at-least-once vendor
/// does. A record (one delivery) is done when the intake acknowledged it, which it does only once the event is durable
/// in the inbox. Afterwards every unique event must be in the inbox once, every copy recognised as a duplicate, and every
/// record's watermark at its newest version.
/// </summary>
public sealed class WebhookBurstScenario : LoadScenario
{
    private const int Versions = 4;
    private const int DuplicateEvery = 5;
    private static readonly int[] Reordered = [1, 0, 3, 2];
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private SystemUnderTest _stack = null!;
    private HttpClient _http = null!;
    private Uri _intake = null!;
    private long _copies;

    public override string Name => "webhook-burst";

    public override string Description => "Clay row callbacks into the intake: 4 versions per record sent out of order, every 5th delivery twice; durable, de-duplicated, last writer wins.";

    public override LoadModel DefaultModel => new ConstantArrivalRate(2000) { Duration = TimeSpan.FromSeconds(30), WarmUp = TimeSpan.FromSeconds(5) };

    public override IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>
    {
        ["duplicate_deliveries_sent"] = Interlocked.Read(ref _copies).ToString(CultureInfo.InvariantCulture),
        ["versions_per_record"] = Versions.ToString(CultureInfo.InvariantCulture),
    };

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var simulators = Context.Options.Simulators();
        simulators.Salesforce.Enabled = false;
        simulators.HubSpot.Enabled = false;
        simulators.Outreach.Enabled = false;
        simulators.Clay.Enabled = false;
        var settings = Context.Options.SyncSettings(new Dictionary<string, string?>
        {
            ["Sync:Workflows:Enrichment"] = "false",
            ["Sync:Workflows:Qualified"] = "false",
            ["Sync:Workflows:OptOut"] = "false",
        });
        _stack = await SystemUnderTest.StartAsync(simulators, settings, Recorder, null, cancellationToken, placement: Context.Options.SimulatorPlacement).ConfigureAwait(false);
        _intake = new Uri(_stack.Intake("clay"));
        _http = new HttpClient(new RequestTimingHandler("intake.clay", Recorder, null) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 } })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Add("x-clay-webhook-auth", _stack.ClayCallbackToken);
    }

    /// <summary>The delivery for <paramref name="sequence"/>: record sequence/4, version permuted within its group of four.</summary>
    public static (long Record, int Version, string Body) Delivery(long sequence)
    {
        var record = sequence / Versions;
        var version = Reordered[(int)(sequence % Versions)];
        var updatedAt = Epoch.AddMilliseconds((record * Versions) + version).ToString("O", CultureInfo.InvariantCulture);
        var body = $$"""{"seq":{{sequence}},"email":"wh{{record}}@load.gtmguard.test","version":{{version}},"last_name":"V{{version}}","updatedAt":"{{updatedAt}}"}""";
        return (record, version, body);
    }

    public override async ValueTask ExecuteAsync(long sequence, CancellationToken cancellationToken)
    {
        Recorder.MarkSubmitted(sequence);
        var (_, _, body) = Delivery(sequence);
        if (await PostAsync(body, cancellationToken).ConfigureAwait(false))
        {
            Recorder.MarkCompleted(sequence);
        }

        if (sequence % DuplicateEvery == 0)
        {
            Interlocked.Increment(ref _copies);
            await PostAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> PostAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_intake, content, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    public override async Task<bool> IsDrainedAsync(CancellationToken cancellationToken) => await _stack.IsSettledAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<ReconciliationResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        if (Context.Options.BeforeReconcile is { } hook)
        {
            await hook(_stack, cancellationToken).ConfigureAwait(false);
        }

        var count = Context.Issued();
        var events = new Reconciler("intake inbox events", count, _ => true, _ => null);
        long after = 0;
        while (true)
        {
            var page = await _stack.Store.ListInboxEventsAsync(new InboxEventFilter(VendorId.Clay, AfterSequence: after, Limit: 5000), cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var inboxEvent in page.Where(e => e.State != InboxEventState.Duplicate))
            {
                using var payload = JsonDocument.Parse(inboxEvent.Payload);
                events.Observe(payload.RootElement.GetProperty("seq").GetInt64(), null);
            }

            after = page[^1].Sequence;
        }

        var result = events.Result();
        var stale = 0L;
        var examples = result.Examples.ToList();
        for (long record = 0; record < count / Versions; record++)
        {
            var newest = Epoch.AddMilliseconds((record * Versions) + Versions - 1);
            var watermark = await _stack.Store.GetWatermarkAsync(VendorId.Clay, $"email:wh{record}@load.gtmguard.test", cancellationToken).ConfigureAwait(false);
            if (watermark?.OccurredAt != newest)
            {
                stale++;
                if (examples.Count < 10)
                {
                    examples.Add($"stale record wh{record}: watermark {watermark?.OccurredAt:O}, newest {newest:O}");
                }
            }
        }

        return result with { Stale = stale, Examples = examples };
    }

    public override System.Diagnostics.Process? SimulatorsProcess => _stack?.Simulators.Process;

    public override Task<long> DeadLettersAsync(CancellationToken cancellationToken) => _stack.DeadLetterCountAsync(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync().ConfigureAwait(false);
        }
    }
}
