using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Outreach;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Sync.Workflows.OptOut;

/// <summary>Deletes every sequence state of the prospect; a prospect in none is already done.</summary>
internal sealed class OutreachOptOutOperation(OutreachClient client) : IOutboxOperation
{
    public const string Name = "prospect.removeFromSequences";

    public VendorId Vendor => VendorId.Outreach;

    public string Operation => Name;

    public async Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var results = new List<OutboxResult>(items.Count);
        foreach (var item in items)
        {
            var payload = WorkflowJson.Read<Payload>(item);
            var removed = await client.RemoveFromAllSequencesAsync(payload.ProspectId, cancellationToken).ConfigureAwait(false);
            var request = WorkflowJson.Request("DELETE", "sequenceStates", item.Payload);
            results.Add(removed.IsSuccess || removed.Outcome == Resilience.VendorOutcome.NotFound
                ? OutboxResult.Success(item, request, skipped: !removed.IsSuccess || removed.Value == 0)
                : new OutboxResult(item.Id, removed.Outcome, request, removed.StatusCode, removed.Error));
        }

        return results;
    }

    /// <summary>The outbox payload: the prospect to take out of its sequences.</summary>
    public sealed record Payload(long ProspectId);
}
