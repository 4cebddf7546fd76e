using GtmGuard.Contracts.Findings;

namespace GtmGuard.Contracts.Reports;

/// <summary>The outcome of <c>contracts check</c> or <c>contracts diff</c>: folded findings and what was looked at.</summary>
public sealed class ContractReport
{
    public const int ExitClean = 0;
    public const int ExitAdditive = 1;
    public const int ExitBreaking = 2;

    /// <summary>Exit code when the run could not check at all: an unreadable snapshot or recording, bad arguments.</summary>
    public const int ExitCannotCheck = 3;

    public required string Title { get; init; }

    /// <summary>What was checked, in words: "12 recorded exchange(s)", "v45.0 → v62.0".</summary>
    public required string Subject { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    public IReadOnlyList<CheckedOperation> Operations { get; init; } = [];

    public int Breaking => Findings.Count(f => f.Severity == Severity.Breaking);

    public int Additive => Findings.Count(f => f.Severity == Severity.Additive);

    public int Info => Findings.Count(f => f.Severity == Severity.Info);

    /// <summary>0 clean, 1 additive only, 2 breaking — as <paramref name="failOn"/> allows.</summary>
    public int ExitCode(FailOn failOn = FailOn.Additive) => failOn switch
    {
        FailOn.Never => ExitClean,
        _ when Breaking > 0 => ExitBreaking,
        FailOn.Additive when Additive > 0 => ExitAdditive,
        _ => ExitClean,
    };

    public string Summary => $"{Breaking} breaking, {Additive} additive, {Info} info";
}
