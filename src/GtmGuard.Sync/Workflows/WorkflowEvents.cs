using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Workflows.Enrichment;
using GtmGuard.Sync.Workflows.OptOut;
using GtmGuard.Sync.Workflows.Qualified;

namespace GtmGuard.Sync.Workflows;

/// <summary>The webhook events each workflow reacts to: what a run of one workflow claims from the inbox.</summary>
public static class WorkflowEvents
{
    private static readonly Dictionary<string, IReadOnlyList<InboxEventKind>> ByWorkflow = new(StringComparer.Ordinal)
    {
        [WorkflowNames.Enrichment] = [new(VendorId.Clay, EnrichmentHandler.EventType)],
        [WorkflowNames.Qualified] = [new(VendorId.HubSpot, QualifiedLeadHandler.Creation), new(VendorId.HubSpot, QualifiedLeadHandler.PropertyChange)],
        [WorkflowNames.OptOut] = [new(VendorId.Outreach, OptOutHandler.EventType)],
    };

    /// <summary>The event kinds <paramref name="workflow"/> handles; throws for an unknown workflow name.</summary>
    public static IReadOnlyList<InboxEventKind> For(string workflow) =>
        ByWorkflow.TryGetValue(workflow, out var kinds)
            ? kinds
            : throw new ArgumentException($"'{workflow}' is not a workflow; use {string.Join(", ", WorkflowNames.All)}.", nameof(workflow));

    internal static bool Handles(string workflow, VendorId vendor, string eventType) =>
        For(workflow).Any(k => k.Vendor == vendor && k.EventType == eventType);
}
