namespace GtmGuard.Sync.Storage;

/// <summary>How a workflow run ended (or that it has not yet).</summary>
public enum WorkflowRunStatus
{
    Running,
    Succeeded,

    /// <summary>Finished, but some records went to the dead letters.</summary>
    PartiallySucceeded,

    Failed,
}
