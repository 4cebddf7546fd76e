using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Workflows.Qualified;

/// <summary>
/// A HubSpot contact created, or its lead score changed, scoring at or above the threshold → an Outreach enrollment staged
/// in the outbox. The contact is read back (webhooks carry no properties on creation); reads are safe to repeat.
/// </summary>
internal sealed class QualifiedLeadHandler : IInboxEventHandler
{
    public const string Creation = "contact.creation";
    public const string PropertyChange = "contact.propertyChange";

    private readonly HubSpotClient _hubSpot;
    private readonly WorkflowOptions _options;

    public QualifiedLeadHandler(HubSpotClient hubSpot, IOptions<WorkflowOptions> options)
    {
        _hubSpot = hubSpot;
        _options = options.Value;
    }

    public string Workflow => WorkflowNames.Qualified;

    public bool CanHandle(VendorId vendor, string eventType) => WorkflowEvents.Handles(Workflow, vendor, eventType);

    public async Task HandleAsync(InboxEvent inboxEvent, InboxApplyContext context, CancellationToken cancellationToken)
    {
        if (WorkflowJson.Object(inboxEvent.Payload) is not { } payload || WorkflowJson.Text(payload["objectId"]) is not { } contactId)
        {
            return;
        }

        if (inboxEvent.EventType == PropertyChange)
        {
            // Only a lead score change can qualify; one below the threshold cannot.
            if (WorkflowJson.Text(payload["propertyName"]) != _options.LeadScoreProperty
                || Enrichment.EnrichedLead.Score(WorkflowJson.Text(payload["propertyValue"])) is not { } changed
                || changed < _options.QualifiedThreshold)
            {
                return;
            }
        }

        var read = await _hubSpot.GetContactAsync(contactId, ["email", "firstname", "lastname", "jobtitle", "company", _options.LeadScoreProperty], cancellationToken).ConfigureAwait(false);
        if (read.Outcome == VendorOutcome.NotFound)
        {
            return;
        }

        if (!read.IsSuccess)
        {
            throw new HttpRequestException($"Reading HubSpot contact {contactId} failed: {read.Outcome} {read.Error}");
        }

        var contact = read.Value!;
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
}
