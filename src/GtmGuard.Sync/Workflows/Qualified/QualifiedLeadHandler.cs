using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Workflows.Qualified;

/// <summary>
/// A HubSpot contact created, or its lead score changed, scoring at or above the threshold → an Outreach enrollment staged
/// in the outbox. The contact is read back (webhooks carry no properties on creation), for a whole claimed batch in one
/// batch read; reads are safe to repeat.
/// </summary>
internal sealed class QualifiedLeadHandler : IInboxEventHandler
{
    public const string Creation = "contact.creation";
    public const string PropertyChange = "contact.propertyChange";

    private readonly HubSpotClient _hubSpot;
    private readonly WorkflowOptions _options;

    /// <summary>The properties every read asks for.</summary>
    private readonly string[] _contactProperties;

    public QualifiedLeadHandler(HubSpotClient hubSpot, IOptions<WorkflowOptions> options)
    {
        _hubSpot = hubSpot;
        _options = options.Value;
        _contactProperties = ["email", "firstname", "lastname", "jobtitle", "company", _options.LeadScoreProperty];
    }

    private const string PrefetchedKey = "qualified:contacts";

    public string Workflow => WorkflowNames.Qualified;


    public bool CanHandle(VendorId vendor, string eventType) => WorkflowEvents.Handles(Workflow, vendor, eventType);

    /// <summary>Reads every contact the batch's events need in one batch read (100 per call) instead of one call each.</summary>
    public async Task PrepareBatchAsync(IReadOnlyList<InboxEvent> events, InboxBatchItems batch, CancellationToken cancellationToken)
    {
        var ids = events.Select(ContactToRead).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count < 2)
        {
            return;
        }

        var read = await _hubSpot.GetContactsAsync(ids, _contactProperties, cancellationToken).ConfigureAwait(false);
        if (read.IsSuccess)
        {
            // Every id asked for is settled: found, or known missing (as a single read's NotFound).
            var found = read.Value!.ToDictionary(c => c.Id, c => (HubSpotContact?)c, StringComparer.Ordinal);
            foreach (var id in ids)
            {
                found.TryAdd(id, null);
            }

            batch.Set(PrefetchedKey, found);
        }
    }

    public async Task HandleAsync(InboxEvent inboxEvent, InboxApplyContext context, CancellationToken cancellationToken)
    {
        if (ContactToRead(inboxEvent) is not { } contactId)
        {
            return;
        }

        HubSpotContact? contact;
        if (context.Batch.Get<Dictionary<string, HubSpotContact?>>(PrefetchedKey) is { } prefetched && prefetched.TryGetValue(contactId, out var fetched))
        {
            contact = fetched;
        }
        else
        {
            var read = await _hubSpot.GetContactAsync(contactId, _contactProperties, cancellationToken).ConfigureAwait(false);
            if (read.Outcome != VendorOutcome.NotFound && !read.IsSuccess)
            {
                throw new HttpRequestException($"Reading HubSpot contact {contactId} failed: {read.Outcome} {read.Error}");
            }

            contact = read.Value;
        }

        if (contact is null)
        {
            return;
        }

        var score = Enrichment.EnrichedLead.Score(contact.Properties.GetValueOrDefault(_options.LeadScoreProperty));
        if (contact.Email is not { Length: > 0 } email || score is null || score < _options.QualifiedThreshold)
        {
            return;
        }

        var attributes = new Dictionary<string, string?>
        {
            ["firstName"] = contact.Properties.GetValueOrDefault("firstname"),
            ["lastName"] = contact.Properties.GetValueOrDefault("lastname"),
            ["title"] = contact.Properties.GetValueOrDefault("jobtitle"),
            ["company"] = contact.Properties.GetValueOrDefault("company"),
        }.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value);

        // One enrollment per person and sequence, however many events qualify them.
        context.Enqueue(new OutboxWrite(
            Workflow,
            VendorId.Outreach,
            OutreachEnrollOperation.Name,
            $"{Workflow}:{email.ToLowerInvariant()}:{_options.SequenceId}",
            WorkflowJson.Write(new OutreachEnrollOperation.Payload(email, attributes, _options.SequenceId, _options.MailboxId))));
    }

    /// <summary>The contact an event makes this workflow read: a creation, or a lead score change to at least the threshold.</summary>
    private string? ContactToRead(InboxEvent inboxEvent)
    {
        if (WorkflowJson.Object(inboxEvent.Payload) is not { } payload || WorkflowJson.Text(payload["objectId"]) is not { } contactId)
        {
            return null;
        }

        // Only a lead score change can qualify; one below the threshold cannot.
        if (inboxEvent.EventType == PropertyChange
            && (WorkflowJson.Text(payload["propertyName"]) != _options.LeadScoreProperty
                || Enrichment.EnrichedLead.Score(WorkflowJson.Text(payload["propertyValue"])) is not { } changed
                || changed < _options.QualifiedThreshold))
        {
            return null;
        }

        return contactId;
    }
}
