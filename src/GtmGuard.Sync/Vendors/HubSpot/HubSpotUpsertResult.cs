using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors.HubSpot;

/// <summary>One contact a batch upsert wrote: <see cref="Created"/> is HubSpot's <c>new</c> flag.</summary>
public sealed record HubSpotUpsertedContact(string Id, string Email, bool Created);

/// <summary>Inputs HubSpot did not write, with why (a whole failed batch lists all its emails).</summary>
public sealed record HubSpotUpsertFailure(IReadOnlyList<string> Emails, VendorOutcome Outcome, string? Error);

/// <summary>
/// The result of upserting many contacts in batches of 100: what was written, what failed, and an overall outcome
/// (Success only when nothing failed; otherwise the first failure's outcome).
/// </summary>
public sealed record HubSpotUpsertResult(IReadOnlyList<HubSpotUpsertedContact> Contacts, IReadOnlyList<HubSpotUpsertFailure> Failures)
{
    public VendorOutcome Outcome => Failures.Count == 0 ? VendorOutcome.Success : Failures[0].Outcome;

    public bool IsSuccess => Failures.Count == 0;

    public int CreatedCount => Contacts.Count(c => c.Created);
}
