namespace GtmGuard.LoadTests.Reconciliation;

/// <summary>
/// The vendors' end state against what the run should have left there: <see cref="Lost"/> expected records missing,
/// <see cref="Duplicated"/> extra copies of a record, <see cref="Stale"/> present but holding an older value than the last
/// one sent. <see cref="Examples"/> names a few of each (ids only).
/// </summary>
public sealed record ReconciliationResult(string Target, long Expected, long Found, long Lost, long Duplicated, long Stale, IReadOnlyList<string> Examples)
{
    public bool Clean => Lost == 0 && Duplicated == 0 && Stale == 0;

    public static ReconciliationResult Combine(IReadOnlyList<ReconciliationResult> parts) =>
        parts.Count == 1
            ? parts[0]
            : new ReconciliationResult(
                string.Join(" + ", parts.Select(p => p.Target)),
                parts.Sum(p => p.Expected),
                parts.Sum(p => p.Found),
                parts.Sum(p => p.Lost),
                parts.Sum(p => p.Duplicated),
                parts.Sum(p => p.Stale),
                parts.SelectMany(p => p.Examples).Take(10).ToList());
}
