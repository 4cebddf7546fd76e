namespace GtmGuard.Sync.Storage;

/// <summary>One run of a workflow, from start to finish.</summary>
public sealed record WorkflowRun(
    long Id,
    string Workflow,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    WorkflowRunStatus Status,
    WorkflowRunCounts Counts,
    string? Error);
