using Microsoft.Data.Sqlite;
using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>Workflow run history and last successful sync.</summary>
public sealed partial class SqliteSyncStore
{
    private const string RunColumns =
        "id, workflow, started_at, finished_at, status, records_read, records_written, records_skipped, records_dead_lettered, error";

    public Task<WorkflowRun> StartRunAsync(string workflow, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) =>
            {
                var id = (long)(await SqliteCommands.ScalarAsync(
                    connection,
                    "INSERT INTO workflow_runs (workflow, started_at, status) VALUES ($workflow, $now, 'running') RETURNING id;",
                    cancellationToken,
                    ("$workflow", workflow),
                    ("$now", now)).ConfigureAwait(false))!;
                return new WorkflowRun(id, workflow, Time(now), null, WorkflowRunStatus.Running, WorkflowRunCounts.None, null);
            },
            cancellationToken);

    public Task FinishRunAsync(long runId, WorkflowRunStatus status, WorkflowRunCounts counts, string? errorMessage, CancellationToken cancellationToken)
    {
        if (status == WorkflowRunStatus.Running)
        {
            throw new ArgumentException("A run finishes as succeeded, partially succeeded or failed.", nameof(status));
        }

        return WriteAsync(
            async (connection, now) =>
            {
                var updated = await SqliteCommands.ExecuteAsync(
                    connection,
                    """
                    UPDATE workflow_runs
                    SET finished_at = $now, status = $status, records_read = $read, records_written = $written,
                        records_skipped = $skipped, records_dead_lettered = $dead, error = $error
                    WHERE id = $id;
                    """,
                    cancellationToken,
                    ("$now", now),
                    ("$status", Label(status)),
                    ("$read", counts.Read),
                    ("$written", counts.Written),
                    ("$skipped", counts.Skipped),
                    ("$dead", counts.DeadLettered),
                    ("$error", errorMessage),
                    ("$id", runId)).ConfigureAwait(false);
                return updated == 1 ? true : throw new ArgumentException($"No workflow run {runId}.", nameof(runId));
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<WorkflowRun>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(
            $"SELECT {RunColumns} FROM workflow_runs WHERE ($workflow IS NULL OR workflow = $workflow) ORDER BY id DESC LIMIT $limit;",
            ReadRun,
            cancellationToken,
            ("$workflow", workflow),
            ("$limit", limit)).ConfigureAwait(false);

    public async Task<WorkflowRun?> GetLastSuccessfulRunAsync(string workflow, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            $"""
            SELECT {RunColumns} FROM workflow_runs
            WHERE workflow = $workflow AND status IN ('succeeded', 'partially_succeeded')
            ORDER BY finished_at DESC, id DESC
            LIMIT 1;
            """,
            ReadRun,
            cancellationToken,
            ("$workflow", workflow)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static WorkflowRun ReadRun(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        Time(r, 2),
        NullableTime(r, 3),
        Parse<WorkflowRunStatus>(r.GetString(4)),
        new WorkflowRunCounts(r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)),
        NullableString(r, 9));
}
