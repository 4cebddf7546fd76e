namespace GtmGuard.Simulators.Chaos;

/// <summary>A validated chaos plan for one vendor: seeded rules and timeline events.</summary>
public sealed record ChaosPlan(string Name, int Seed, IReadOnlyList<ChaosRule> Rules, IReadOnlyList<ChaosEvent> Events)
{
    public static ChaosPlan None { get; } = new("none", 0, [], []);

    /// <summary>Faults on outbound webhook deliveries: duplicates, reordering, delay, drops, bad signatures, payload drift.</summary>
    public IReadOnlyList<WebhookChaosRule> Webhooks { get; init; } = [];

    public bool IsEmpty => Rules.Count == 0 && Events.Count == 0 && Webhooks.Count == 0;
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

/// <summary>What a webhook chaos rule does to a delivery it hits.</summary>
public enum WebhookChaosEffect
{
    /// <summary>Delivers the message a second time, up to <c>window</c> later.</summary>
    Duplicate,

    /// <summary>Holds the message for a random time within <c>window</c>, so later events can overtake it.</summary>
    Reorder,

    /// <summary>Holds every hit message for <c>latency</c>.</summary>
    Delay,

    /// <summary>Loses the first attempt; the vendor's retry schedule delivers it later.</summary>
    Drop,

    /// <summary>Sends a signature that does not verify.</summary>
    CorruptSignature,

    /// <summary>Changes the payload's shape: a field renamed, retyped or removed.</summary>
    Drift,
}

/// <summary>One webhook fault with a probability and an optional time window.</summary>
public sealed record WebhookChaosRule(WebhookChaosEffect Effect, double Probability, TimeSpan? From, TimeSpan? To, TimeSpan Window, PayloadDrift? Drift)
{
    public bool IsActiveAt(TimeSpan elapsed) => (From is null || elapsed >= From) && (To is null || elapsed < To);
}

/// <summary>A payload change applied to each event object: <see cref="Field"/> (dotted path) renamed, retyped or removed.</summary>
public sealed record PayloadDrift(string Field, string? RenameTo, string? RetypeTo, bool Remove);
