using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors.Clay;

/// <summary>Who the API key belongs to (<c>GET /me</c>).</summary>
public sealed record ClayMe(string UserId, string? UserName, string? WorkspaceId);

/// <summary>
/// Rows a webhook POST did not deliver: their positions in the caller's input (the first occurrence of each, as identical
/// rows are sent once) and why.
/// </summary>
public sealed record ClaySubmitFailure(IReadOnlyList<int> Rows, VendorOutcome Outcome, string? Error)
{
    public int Count => Rows.Count;
}

/// <summary>
/// The result of submitting rows to a table's webhook source. Identical rows in one call are sent once
/// (<see cref="Duplicates"/>); Clay itself appends a row per submission, so re-running a call adds rows again.
/// </summary>
public sealed record ClaySubmitResult(int Submitted, int Duplicates, IReadOnlyList<ClaySubmitFailure> Failures)
{
    public VendorOutcome Outcome => Failures.Count == 0 ? VendorOutcome.Success : Failures[0].Outcome;

    public bool IsSuccess => Failures.Count == 0;
}
