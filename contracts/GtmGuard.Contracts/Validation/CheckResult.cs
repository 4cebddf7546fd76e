using GtmGuard.Contracts.Findings;

namespace GtmGuard.Contracts.Validation;

/// <summary>The findings of one exchange and the snapshot operations it was matched to.</summary>
public sealed record CheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<(string Vendor, string Operation)> Operations)
{
    internal static CheckResult Unmatched(string vendor, Finding finding) => new([finding], [(vendor, "unknown")]);
}
