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
    private readonly Lock _gate = new();
    private volatile ChaosState _state;

    public ChaosEngine(TimeProvider clock, Action<ChaosAction> onAction)
    {
        _clock = clock;
        _onAction = onAction;
        _state = new ChaosState(ChaosPlan.None, clock.GetUtcNow());
    }

    public ChaosPlan Plan => _state.Plan;

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

    private sealed record ChaosState(ChaosPlan Plan, DateTimeOffset StartedAt);
}

/// <summary>What chaos does to one request: an optional fault and a delay before answering.</summary>
public sealed record ChaosDecision(ChaosFault? Fault, TimeSpan Delay, ChaosRule? Rule)
{
    public static ChaosDecision None { get; } = new(null, TimeSpan.Zero, null);
}
