using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Sync.Workflows.OptOut;

/// <summary>Sets <c>hs_email_optout=true</c> on the contact with this email; no such contact means nothing to do.</summary>
internal sealed class HubSpotOptOutOperation(HubSpotClient client) : IOutboxOperation
{
    public const string Name = "contacts.optOut";

    private static readonly Dictionary<string, string?> OptedOut = new() { ["hs_email_optout"] = "true" };

    public VendorId Vendor => VendorId.HubSpot;

    public string Operation => Name;

    public async Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var results = new List<OutboxResult>(items.Count);
        foreach (var item in items)
        {
            var payload = WorkflowJson.Read<Payload>(item);
            var updated = await client.UpdateContactByEmailAsync(payload.Email, OptedOut, cancellationToken).ConfigureAwait(false);
            var request = WorkflowJson.Request("PATCH", "crm/v3/objects/contacts/{email}?idProperty=email", item.Payload);
            results.Add(updated.IsSuccess || updated.Outcome == VendorOutcome.NotFound
                ? OutboxResult.Success(item, request, skipped: !updated.IsSuccess)
                : new OutboxResult(item.Id, updated.Outcome, request, updated.StatusCode, updated.Error));
        }

        return results;
    }

    /// <summary>The outbox payload: the contact's email.</summary>
    public sealed record Payload(string Email);
}
