using GtmGuard.LoadTests.Reconciliation;

namespace GtmGuard.LoadTests.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    [Fact]
    public void CountsLostDuplicatedAndStale_AndIgnoresRecordsThatAreNotTheRuns()
    {
        var reconciler = new Reconciler("CRM", 6, s => s != 5, s => "v" + s);

        reconciler.Observe(0, "v0");
        reconciler.Observe(1, "v1");
        reconciler.Observe(1, "v1");
        reconciler.Observe(2, "old");
        reconciler.Observe(4, "v4");
        reconciler.Observe(null, "someone else's");
        reconciler.Observe(99, "out of range");
        var result = reconciler.Result();

        Assert.Equal((5L, 5L, 1L, 1L, 1L), (result.Expected, result.Found, result.Lost, result.Duplicated, result.Stale));
        Assert.Contains(result.Examples, e => e.Contains("lost #3", StringComparison.Ordinal));
        Assert.Contains(result.Examples, e => e.Contains("stale #2", StringComparison.Ordinal));
        Assert.False(result.Clean);
    }

    [Fact]
    public void Combine_AddsTheParts()
    {
        var combined = ReconciliationResult.Combine([new("A", 10, 10, 0, 1, 0, []), new("B", 10, 9, 1, 0, 2, ["B: lost #4"])]);

        Assert.Equal(("A + B", 20L, 19L, 1L, 1L, 2L), (combined.Target, combined.Expected, combined.Found, combined.Lost, combined.Duplicated, combined.Stale));
    }
}
