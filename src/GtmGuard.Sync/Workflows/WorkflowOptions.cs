using System.ComponentModel.DataAnnotations;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Sync.Workflows;

/// <summary>The three workflows (section <c>Sync:Workflows</c>): which run, their thresholds and targets, and the outbox that writes for them.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Sync:Workflows";

    /// <summary>Enriched Clay rows are upserted into HubSpot and Salesforce.</summary>
    public bool Enrichment { get; set; } = true;

    /// <summary>HubSpot contacts scoring at or above <see cref="QualifiedThreshold"/> are enrolled in Outreach.</summary>
    public bool Qualified { get; set; } = true;

    /// <summary>Outreach opt-out replies are propagated to Outreach sequences, HubSpot and Salesforce.</summary>
    public bool OptOut { get; set; } = true;

    /// <summary>The HubSpot contact property holding the lead score.</summary>
    [Required]
    public string LeadScoreProperty { get; set; } = "lead_score";

    [Range(0, 1_000_000)]
    public double QualifiedThreshold { get; set; } = 70;

    /// <summary>The Outreach sequence qualified leads are enrolled in.</summary>
    [Range(1, long.MaxValue)]
    public long SequenceId { get; set; } = 1;

    /// <summary>The Outreach mailbox enrolled leads are sent from.</summary>
    [Range(1, long.MaxValue)]
    public long MailboxId { get; set; } = 1;

    /// <summary>The Salesforce object enriched leads are upserted into.</summary>
    [Required]
    public string SalesforceObject { get; set; } = "Lead";

    /// <summary>The external-id field of <see cref="SalesforceObject"/>; it holds the lead's lower-cased email.</summary>
    [Required]
    public string SalesforceExternalIdField { get; set; } = "External_Id__c";

    /// <summary>When set, replaces <c>Sync:Vendors:Salesforce:BulkThreshold</c>: at this many records Bulk API 2.0 is used.</summary>
    [Range(1, int.MaxValue)]
    public int? BulkThreshold { get; set; }

    public OutboxOptions Outbox { get; set; } = new();
}
