using System.Collections.Concurrent;

namespace GtmGuard.Simulators.Chaos;

/// <summary>
/// Decides, per request, which fault (if any) a vendor's plan injects. The n-th request to an operation
/// draws from a hash of (seed, rule, operation, n), so the same seed gives the same fault sequence per
/// operation however requests to other operations interleave.
/// </summary>
public sealed class ChaosEngine : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly Action<ChaosAction> _onAction;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly List<ITimer> _timers = [];
    private const string WebhookChannel = "__webhooks";

    private readonly Lock _gate = new();
    private volatile ChaosState _state;

    public ChaosEngine(TimeProvider clock, Action<ChaosAction> onAction)
    {
        _clock = clock;
        _onAction = onAction;
        _state = new ChaosState(ChaosPlan.None, clock.GetUtcNow());
    }

    public ChaosPlan Plan => _state.Plan;

    /// <summary>True while the plan has a connection-reset rule; the reset middleware is idle otherwise.</summary>
    public bool CanResetConnections => _state.CanResetConnections;

    public DateTimeOffset StartedAt => _state.StartedAt;

    /// <summary>Replaces the plan; its clock and request counters start now.</summary>
    public void Apply(ChaosPlan plan)
    {
        lock (_gate)
        {
            DisposeTimers();
            _counters.Clear();
            _state = new ChaosState(plan, _clock.GetUtcNow());
            foreach (var @event in plan.Events)
            {
                var action = @event.Action;
                _timers.Add(_clock.CreateTimer(_ => _onAction(action), null, @event.At, @event.Every ?? Timeout.InfiniteTimeSpan));
            }
        }
    }

    public ChaosDecision Decide(string operation)
    {
        var state = _state;
        if (state.Plan.Rules.Count == 0)
        {
            return ChaosDecision.None;
        }

        var elapsed = _clock.GetUtcNow() - state.StartedAt;
        var n = (ulong)Interlocked.Increment(ref _counters.GetOrAdd(operation, static _ => new Counter()).Value);
        var operationHash = StableHash.Of(operation);
        var latency = TimeSpan.Zero;
        for (var i = 0; i < state.Plan.Rules.Count; i++)
        {
            var rule = state.Plan.Rules[i];
            if (!rule.IsActiveAt(elapsed) || !rule.AppliesTo(operation))
            {
                continue;
            }

            var draw = StableHash.Unit(StableHash.Mix((ulong)(uint)state.Plan.Seed, (ulong)i), operationHash, n);
            if (draw >= rule.Probability)
            {
                continue;
            }

            if (rule.Fault == ChaosFault.Latency)
            {
                latency += rule.Latency;
                continue;
            }

            return new ChaosDecision(rule.Fault, latency + (rule.Fault == ChaosFault.Hang ? rule.Latency : TimeSpan.Zero), rule);
        }

        return latency > TimeSpan.Zero ? new ChaosDecision(null, latency, null) : ChaosDecision.None;
    }

    /// <summary>Decides what chaos does to the n-th webhook message of this vendor; draws are seeded like <see cref="Decide"/>.</summary>
    public WebhookChaosDecision DecideWebhook()
    {
        var state = _state;
        if (state.Plan.Webhooks.Count == 0)
        {
            return WebhookChaosDecision.None;
        }

        var elapsed = _clock.GetUtcNow() - state.StartedAt;
        var n = (ulong)Interlocked.Increment(ref _counters.GetOrAdd(WebhookChannel, static _ => new Counter()).Value);
        var channel = StableHash.Of(WebhookChannel);
        var decision = new WebhookChaosDecision();
        for (var i = 0; i < state.Plan.Webhooks.Count; i++)
        {
            var rule = state.Plan.Webhooks[i];
            var ruleSeed = StableHash.Mix((ulong)(uint)state.Plan.Seed, 1_000UL + (ulong)i);
            if (!rule.IsActiveAt(elapsed) || StableHash.Unit(ruleSeed, channel, n) >= rule.Probability)
            {
                continue;
            }

            // A second, independent draw spreads reorder and duplicate delays over the window.
            var spread = rule.Window * StableHash.Unit(ruleSeed, channel ^ 0x5bd1e995UL, n);
            switch (rule.Effect)
            {
                case WebhookChaosEffect.Duplicate:
                    decision.DuplicateAfter = spread;
                    break;
                case WebhookChaosEffect.Reorder:
                    decision.Delay += spread;
                    break;
                case WebhookChaosEffect.Delay:
                    decision.Delay += rule.Window;
                    break;
                case WebhookChaosEffect.Drop:
                    decision.DropFirstAttempt = true;
                    break;
                case WebhookChaosEffect.CorruptSignature:
                    decision.CorruptSignature = true;
                    break;
                case WebhookChaosEffect.Drift:
                    decision.DriftList.Add(rule.Drift!);
                    break;
            }
        }

        return decision;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            DisposeTimers();
        }
    }

    private void DisposeTimers()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private sealed class Counter
    {
        public long Value;
    }

    private sealed record ChaosState(ChaosPlan Plan, DateTimeOffset StartedAt)
    {
        public bool CanResetConnections { get; } = Plan.Rules.Any(r => r.Fault == ChaosFault.Reset);
    }
}

/// <summary>What chaos does to one request: an optional fault and a delay before answering.</summary>
public sealed record ChaosDecision(ChaosFault? Fault, TimeSpan Delay, ChaosRule? Rule)
{
    public static ChaosDecision None { get; } = new(null, TimeSpan.Zero, null);
}

/// <summary>What chaos does to one outbound webhook message.</summary>
public sealed class WebhookChaosDecision
{
    public static WebhookChaosDecision None { get; } = new();

    /// <summary>Extra hold before the first attempt (reorder and delay rules).</summary>
    public TimeSpan Delay { get; internal set; }

    /// <summary>When set, a copy of the message is delivered this long after the original.</summary>
    public TimeSpan? DuplicateAfter { get; internal set; }

    public bool DropFirstAttempt { get; internal set; }

    public bool CorruptSignature { get; internal set; }

    public IReadOnlyList<PayloadDrift> Drifts => DriftList;

    internal List<PayloadDrift> DriftList { get; } = [];
}
