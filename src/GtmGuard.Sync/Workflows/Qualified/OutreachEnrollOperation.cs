using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Outreach;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Sync.Workflows.Qualified;

/// <summary>
/// Finds or creates the prospect by email, then enrolls it in the sequence; both steps are idempotent, and the client's
/// Outreach quota limiter (shared by every workflow) paces them.
/// </summary>
internal sealed class OutreachEnrollOperation(OutreachClient client) : IOutboxOperation
{
    public const string Name = "prospect.enroll";

    public VendorId Vendor => VendorId.Outreach;

    public string Operation => Name;

    public async Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var results = new List<OutboxResult>(items.Count);
        foreach (var item in items)
        {
            // One prospect's calls each: its failure keeps its own exchange, not a neighbour's.
            var mark = HttpExchangeLog.Current?.Count ?? 0;
            var payload = WorkflowJson.Read<Payload>(item);
            var attributes = payload.Attributes.ToDictionary(a => a.Key, a => (object?)a.Value);
            var upsert = await client.UpsertProspectAsync(new OutreachProspectInput(payload.Email, attributes), cancellationToken).ConfigureAwait(false);
            if (!upsert.IsSuccess)
            {
                results.Add(new OutboxResult(item.Id, upsert.Outcome, WorkflowJson.Request("POST", "prospects", item.Payload), upsert.StatusCode, upsert.Error) { Exchange = HttpExchangeLog.Current?.LastSince(mark) });
                continue;
            }

            var enrolled = await client.EnrollAsync(upsert.Value!.Prospect.Id, payload.SequenceId, payload.MailboxId, cancellationToken).ConfigureAwait(false);
            var request = WorkflowJson.Request("POST", "sequenceStates", item.Payload);
            results.Add(enrolled.IsSuccess
                ? OutboxResult.Success(item, request, skipped: !upsert.Value.Created && enrolled.Value!.AlreadyEnrolled)
                : new OutboxResult(item.Id, enrolled.Outcome, request, enrolled.StatusCode, enrolled.Error) { Exchange = HttpExchangeLog.Current?.LastSince(mark) });
        }

        return results;
    }

    /// <summary>The outbox payload: who to enroll, with which prospect attributes, in which sequence from which mailbox.</summary>
    public sealed record Payload(string Email, Dictionary<string, string?> Attributes, long SequenceId, long MailboxId);
}
