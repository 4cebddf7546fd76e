namespace GtmGuard.Simulators.Chaos;

/// <summary>A validated chaos plan for one vendor: seeded rules and timeline events.</summary>
public sealed record ChaosPlan(string Name, int Seed, IReadOnlyList<ChaosRule> Rules, IReadOnlyList<ChaosEvent> Events)
{
    public static ChaosPlan None { get; } = new("none", 0, [], []);

    public bool IsEmpty => Rules.Count == 0 && Events.Count == 0;
}

/// <summary>One fault on matching operations, with a probability and an optional time window from the plan's start.</summary>
public sealed record ChaosRule(
    string Operation,
    ChaosFault Fault,
    double Probability,
    TimeSpan? From,
    TimeSpan? To,
    TimeSpan Latency,
    string? Message)
{
    public bool IsActiveAt(TimeSpan elapsed) => (From is null || elapsed >= From) && (To is null || elapsed < To);

    public bool AppliesTo(string operation) => OperationPattern.Matches(Operation, operation);
}

/// <summary>An action at an offset from the plan's start, optionally repeating.</summary>
public sealed record ChaosEvent(TimeSpan At, ChaosAction Action, TimeSpan? Every);
