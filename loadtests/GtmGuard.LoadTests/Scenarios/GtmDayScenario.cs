using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// (4) A mixed GTM day, compressed: leads ramp up and hold through enrichment (Clay → HubSpot + Salesforce), HubSpot's
/// webhooks drive the qualified-lead workflow into Outreach, and every tenth enrolled prospect replies with an opt-out
/// (the opt-out workflow then marks HubSpot and Salesforce), all under a chaos timeline (by default
/// <c>simulators/scenarios/standard-chaos.yaml</c>: 500/503/429 faults, token expiry, duplicate and reordered webhooks,
/// a 30-second Salesforce outage from 45 s).
/// </summary>
public sealed class GtmDayScenario : EnrichmentScenario
{
    private const int OptOutEvery = 10;
    private readonly ConcurrentDictionary<long, bool> _optedOut = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _replies = Task.CompletedTask;
    private long _lastReply = TimeProvider.System.GetTimestamp();

    public override string Name => "gtm-day";

    public override string Description => "All three workflows (enrichment, qualified → Outreach, opt-out) under a chaos timeline, with a ramping lead stream.";

    public override LoadModel DefaultModel => new RampingArrivalRate(5, [new RampStage(TimeSpan.FromSeconds(20), 40), new RampStage(TimeSpan.FromSeconds(70), 40)])
    {
        Duration = TimeSpan.FromSeconds(90),
        WarmUp = TimeSpan.FromSeconds(5),
    };

    public override IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>
    {
        ["chaos"] = Context.Options.ChaosScenarioPath ?? "none",
        ["opt_out_replies"] = _optedOut.Count.ToString(CultureInfo.InvariantCulture),
    };

    protected override bool HubSpotWebhooks => true;

    protected override IReadOnlyDictionary<string, string?> WorkflowSettings => new Dictionary<string, string?>();

    protected override void ConfigureSimulators(SimulatorsOptions simulators)
    {
        if (Context.Options.ChaosScenarioPath is null && FindStandardChaos() is { } path)
        {
            Context.Options.ChaosScenarioPath = path;
            simulators.Settings.ScenarioPath = path;
        }
    }

    protected override Task OnStartedAsync(CancellationToken cancellationToken)
    {
        _replies = Task.Run(() => ReplyLoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Drained once the base work is, and no opt-out reply went out for a few seconds (its workflow is then settled too).</summary>
    public override async Task<bool> IsDrainedAsync(CancellationToken cancellationToken) =>
        TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _lastReply)) > TimeSpan.FromSeconds(6) && await base.IsDrainedAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Prospects of every tenth lead reply "opt out", as a person would, once each.</summary>
    private async Task ReplyLoopAsync(CancellationToken cancellationToken)
    {
        using var http = Stack.Simulators.Urls.Outreach is { } outreach ? SystemUnderTest.Client(outreach, null) : null;
        if (http is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await foreach (var prospect in VendorState.StreamAsync(http.BaseAddress!.AbsoluteUri, "prospects", cancellationToken).ConfigureAwait(false))
                {
                    if (Sequence(prospect) is not { } sequence || sequence % OptOutEvery != 0 || _optedOut.ContainsKey(sequence))
                    {
                        continue;
                    }

                    var id = prospect.GetProperty("id").ToString();
                    using var reply = await http.PostAsJsonAsync($"/__gtmguard/prospects/{id}/reply", new { optOut = true }, cancellationToken).ConfigureAwait(false);
                    if (reply.IsSuccessStatusCode)
                    {
                        _optedOut[sequence] = true;
                        Interlocked.Exchange(ref _lastReply, TimeProvider.System.GetTimestamp());
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    protected override async Task<IReadOnlyList<ReconciliationResult>> ReconcileMoreAsync(long count, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _replies.ConfigureAwait(false);

        // Who is qualified is HubSpot's lead score, which Clay's enrichment decided.
        var qualified = new bool[count];
        var optOutFlags = new Reconciler("HubSpot opt-outs", count, s => _optedOut.ContainsKey(s), _ => "true");
        await foreach (var contact in VendorState.StreamAsync(Stack.Simulators.Urls.HubSpot!, "contacts", cancellationToken).ConfigureAwait(false))
        {
            var properties = contact.GetProperty("properties");
            if (LoadLeads.Sequence(LoadLeads.Text(properties, "email")) is not { } sequence || sequence >= count)
            {
                continue;
            }

            qualified[sequence] = double.TryParse(LoadLeads.Text(properties, "lead_score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score >= 70;
            if (_optedOut.ContainsKey(sequence))
            {
                optOutFlags.Observe(sequence, LoadLeads.Text(properties, "hs_email_optout"));
            }
        }

        var prospects = new Reconciler("Outreach prospects", count, s => qualified[s], _ => null);
        await foreach (var prospect in VendorState.StreamAsync(Stack.Simulators.Urls.Outreach!, "prospects", cancellationToken).ConfigureAwait(false))
        {
            prospects.Observe(Sequence(prospect), null);
        }

        return [prospects.Result(), optOutFlags.Result()];
    }

    private static long? Sequence(JsonElement prospect) =>
        prospect.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty("emails", out var emails) && emails.ValueKind == JsonValueKind.Array && emails.GetArrayLength() > 0
            ? LoadLeads.Sequence(emails[0].GetString())
            : null;

    /// <summary>The repository's standard chaos scenario, looked for from the working directory upwards.</summary>
    private static string? FindStandardChaos()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "simulators", "scenarios", "standard-chaos.yaml");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _replies.ConfigureAwait(false);
        _stop.Dispose();
        await base.DisposeCoreAsync().ConfigureAwait(false);
    }
}
