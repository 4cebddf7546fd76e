namespace GtmGuard.Sync.Workflows;

/// <summary>The workflow names used in runs, outbox writes, dead letters and on the command line.</summary>
public static class WorkflowNames
{
    public const string Enrichment = "enrichment";
    public const string Qualified = "qualified";
    public const string OptOut = "optout";

    public static IReadOnlyList<string> All { get; } = [Enrichment, Qualified, OptOut];
}
