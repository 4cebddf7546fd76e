using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Outreach;
using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Workflows.OptOut;

/// <summary>
/// An Outreach reply flagged as opt-out → the prospect leaves every sequence, and is marked opted out in HubSpot
/// (<c>hs_email_optout</c>) and Salesforce (<c>HasOptedOutOfEmail</c>): three writes staged in the outbox.
/// </summary>
internal sealed class OptOutHandler : IInboxEventHandler
{
    public const string EventType = "mailing.replied";

    private readonly OutreachClient _outreach;
    private readonly WorkflowOptions _options;

    public OptOutHandler(OutreachClient outreach, IOptions<WorkflowOptions> options)
    {
        _outreach = outreach;
        _options = options.Value;
    }

    public string Workflow => WorkflowNames.OptOut;

    public bool CanHandle(VendorId vendor, string eventType) => WorkflowEvents.Handles(Workflow, vendor, eventType);

    public async Task HandleAsync(InboxEvent inboxEvent, InboxApplyContext context, CancellationToken cancellationToken)
    {
        var data = WorkflowJson.Object(inboxEvent.Payload)?["data"] as JsonObject;
        if (WorkflowJson.Text(data?["attributes"]?["optOut"]) != "true"
            || !long.TryParse(WorkflowJson.Text(data?["relationships"]?["prospect"]?["data"]?["id"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var prospectId))
        {
            return;
        }

        var read = await _outreach.GetProspectAsync(prospectId, cancellationToken).ConfigureAwait(false);
        if (read.Outcome == VendorOutcome.NotFound)
        {
            return;
        }

        if (!read.IsSuccess)
        {
            throw new HttpRequestException($"Reading Outreach prospect {prospectId} failed: {read.Outcome} {read.Error}");
        }

        context.Enqueue(new OutboxWrite(Workflow, VendorId.Outreach, OutreachOptOutOperation.Name, $"{Workflow}:prospect:{prospectId}", WorkflowJson.Write(new OutreachOptOutOperation.Payload(prospectId))));
        if (read.Value!.Emails is not [{ Length: > 0 } email, ..])
        {
            return;
        }

        var key = email.Trim().ToLowerInvariant();
        context.Enqueue(new OutboxWrite(Workflow, VendorId.HubSpot, HubSpotOptOutOperation.Name, $"{Workflow}:{key}:hubspot", WorkflowJson.Write(new HubSpotOptOutOperation.Payload(email))));
        context.Enqueue(new OutboxWrite(
            Workflow,
            VendorId.Salesforce,
            SalesforceOptOutOperation.Name,
            $"{Workflow}:{key}:salesforce",
            WorkflowJson.Write(new SalesforceOptOutOperation.Payload(_options.SalesforceObject, _options.SalesforceExternalIdField, key, email))));
    }
}
