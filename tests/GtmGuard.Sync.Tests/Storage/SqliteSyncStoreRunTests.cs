using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SqliteSyncStoreRunTests : IAsyncLifetime
{
    private readonly TempStore _temp = TempStore.Create();

    private SqliteSyncStore Store => _temp.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task ARun_RecordsItsStartFinishStatusAndCounts()
    {
        var started = await Store.StartRunAsync("enrichment-to-crm", default);
        _temp.Clock.Advance(TimeSpan.FromSeconds(42));

        await Store.FinishRunAsync(started.Id, WorkflowRunStatus.PartiallySucceeded, new WorkflowRunCounts(100, 97, 1, 2), null, default);
        var run = (await Store.ListRunsAsync("enrichment-to-crm", 10, default)).Single();

        Assert.Equal(WorkflowRunStatus.Running, started.Status);
        Assert.Equal((started.StartedAt, started.StartedAt.AddSeconds(42)), (run.StartedAt, run.FinishedAt!.Value));
        Assert.Equal((WorkflowRunStatus.PartiallySucceeded, new WorkflowRunCounts(100, 97, 1, 2)), (run.Status, run.Counts));
    }

    [Fact]
    public async Task LastSuccessfulRun_IgnoresFailedAndUnfinishedRuns_AndOtherWorkflows()
    {
        var ok = await Store.StartRunAsync("opt-out", default);
        await Store.FinishRunAsync(ok.Id, WorkflowRunStatus.Succeeded, WorkflowRunCounts.None, null, default);
        _temp.Clock.Advance(TimeSpan.FromMinutes(1));
        var failed = await Store.StartRunAsync("opt-out", default);
        await Store.FinishRunAsync(failed.Id, WorkflowRunStatus.Failed, WorkflowRunCounts.None, "Unauthorized", default);
        await Store.StartRunAsync("opt-out", default);
        var other = await Store.StartRunAsync("qualified-lead", default);
        await Store.FinishRunAsync(other.Id, WorkflowRunStatus.Succeeded, WorkflowRunCounts.None, null, default);

        var last = await Store.GetLastSuccessfulRunAsync("opt-out", default);
        var none = await Store.GetLastSuccessfulRunAsync("never-ran", default);
        var history = await Store.ListRunsAsync("opt-out", 10, default);

        Assert.Equal(ok.Id, last!.Id);
        Assert.Null(none);
        Assert.Equal([WorkflowRunStatus.Running, WorkflowRunStatus.Failed, WorkflowRunStatus.Succeeded], history.Select(r => r.Status));
        Assert.Equal("Unauthorized", history[1].Error);
    }

    [Fact]
    public async Task FinishingAnUnknownRun_IsAnError()
    {
        var finish = () => Store.FinishRunAsync(404, WorkflowRunStatus.Succeeded, WorkflowRunCounts.None, null, default);

        await Assert.ThrowsAsync<ArgumentException>(finish);
    }
}
