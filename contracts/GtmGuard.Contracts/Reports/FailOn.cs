namespace GtmGuard.Contracts.Reports;

/// <summary>Which findings fail a run: <c>additive</c> (default: 1 for additive, 2 for breaking), <c>breaking</c> (only 2), <c>never</c>.</summary>
public enum FailOn
{
    Additive,
    Breaking,
    Never,
}
