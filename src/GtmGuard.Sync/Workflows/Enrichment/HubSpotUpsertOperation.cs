using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Sync.Workflows.Enrichment;

/// <summary>Contacts upserted by email with HubSpot's batch upsert, 100 per call.</summary>
internal sealed class HubSpotUpsertOperation(HubSpotClient client) : IOutboxOperation
{
    public const string Name = "contacts.upsert";

    public bool RejectsWholeBatch => true;

    private const string Path = "crm/v3/objects/contacts/batch/upsert";

    public VendorId Vendor => VendorId.HubSpot;

    public string Operation => Name;

    public async Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var payloads = items.Select(i => (Item: i, Payload: WorkflowJson.Read<Payload>(i))).ToList();
        var result = await client.UpsertContactsAsync(payloads.Select(p => new HubSpotContactInput(p.Payload.Email, p.Payload.Properties)), cancellationToken).ConfigureAwait(false);
        var failed = new Dictionary<string, HubSpotUpsertFailure>(StringComparer.OrdinalIgnoreCase);
        foreach (var failure in result.Failures)
        {
            foreach (var email in failure.Emails)
            {
                failed[email] = failure;
            }
        }

        return payloads.Select(p =>
        {
            var request = WorkflowJson.Request("POST", Path, p.Item.Payload);
            return failed.TryGetValue(p.Payload.Email.Trim(), out var failure)
                ? new OutboxResult(p.Item.Id, failure.Outcome, request, Error: failure.Error)
                : OutboxResult.Success(p.Item, request);
        }).ToList();
    }

    /// <summary>The outbox payload: one contact's email and properties.</summary>
    public sealed record Payload(string Email, Dictionary<string, string?> Properties);
}
