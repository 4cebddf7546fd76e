using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Workflows.Enrichment;

/// <summary>An enriched Clay row called back → one HubSpot upsert by email and one Salesforce upsert by external id, staged in the outbox.</summary>
internal sealed class EnrichmentHandler : IInboxEventHandler
{
    public const string EventType = "row.callback";

    private readonly WorkflowOptions _options;

    public EnrichmentHandler(IOptions<WorkflowOptions> options) => _options = options.Value;

    public string Workflow => WorkflowNames.Enrichment;

    public bool CanHandle(VendorId vendor, string eventType) => WorkflowEvents.Handles(Workflow, vendor, eventType);

    public Task HandleAsync(InboxEvent inboxEvent, InboxApplyContext context, CancellationToken cancellationToken)
    {
        if (WorkflowJson.Object(inboxEvent.Payload) is not { } row || EnrichedLead.From(row) is not { } lead)
        {
            return Task.CompletedTask;
        }

        // Keys derive from the event id (the row's content hash): a redelivered row stages nothing new, a changed row does.
        context.Enqueue(new OutboxWrite(
            Workflow,
            VendorId.HubSpot,
            HubSpotUpsertOperation.Name,
            $"{Workflow}:{inboxEvent.EventId}:hubspot",
            WorkflowJson.Write(new HubSpotUpsertOperation.Payload(lead.Email, lead.HubSpotProperties(_options.LeadScoreProperty))))
        {
            // A newer version of the row replaces an older one still waiting: the CRMs end with the newest by event time.
            TargetKey = lead.ExternalId,
        });
        context.Enqueue(new OutboxWrite(
            Workflow,
            VendorId.Salesforce,
            SalesforceUpsertOperation.Name,
            $"{Workflow}:{inboxEvent.EventId}:salesforce",
            WorkflowJson.Write(new SalesforceUpsertOperation.Payload(_options.SalesforceObject, _options.SalesforceExternalIdField, lead.ExternalId, lead.SalesforceFields())))
        {
            TargetKey = lead.ExternalId,
        });
        return Task.CompletedTask;
    }
}
