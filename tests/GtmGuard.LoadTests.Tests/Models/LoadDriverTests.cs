using GtmGuard.LoadTests.Models;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.LoadTests.Tests.Models;

/// <summary>The driver on a fake clock: arrivals happen when due, not before, and closed models hold their concurrency.</summary>
public sealed class LoadDriverTests
{
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task OpenConstantRate_IssuesOnlyWhatIsDue_AndStopsAtTheDuration()
    {
        var clock = new FakeTimeProvider();
        var driver = new LoadDriver(clock);
        var started = new List<long>();
        var model = new ConstantArrivalRate(10) { Duration = TimeSpan.FromSeconds(2) };
        var seen = new List<(int Millis, long Issued)>();

        var run = driver.RunAsync(model, (i, _) => { lock (started) { started.Add(i); } return ValueTask.CompletedTask; }, default);
        await UntilAsync(() => driver.Issued >= 1);
        seen.Add((0, driver.Issued));
        for (var millis = 50; millis <= 2000; millis += 50)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            var due = Math.Min(20, (millis / 100) + 1);
            await UntilAsync(() => driver.Issued >= due);
            seen.Add((millis, driver.Issued));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));

        // One record every 100 ms from t=0, none early; the one due at t=2 s falls outside the 2-second run.
        Assert.All(seen, s => Assert.Equal(Math.Min(20, (s.Millis / 100) + 1), s.Issued));
        Assert.Equal(20, driver.Issued);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), started.Order());
    }

    [Fact]
    public async Task OpenModel_ByRecordCount_StopsAfterThatMany()
    {
        var clock = new FakeTimeProvider();
        var driver = new LoadDriver(clock);
        var model = new ConstantArrivalRate(100) { Records = 25 };

        var run = driver.RunAsync(model, (_, _) => ValueTask.CompletedTask, default);
        for (var i = 0; i < 100 && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await UntilAsync(() => driver.Issued >= Math.Min(25, i + 2) || run.IsCompleted);
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(25, driver.Issued);
    }

    [Fact]
    public async Task OpenModel_DropsArrivalsBeyondMaxInFlight()
    {
        var clock = new FakeTimeProvider();
        var driver = new LoadDriver(clock, maxInFlight: 3);
        var release = new TaskCompletionSource();
        var model = new ConstantArrivalRate(10) { Records = 10 };

        var run = driver.RunAsync(model, async (_, _) => await release.Task, default);
        for (var i = 1; i <= 10; i++)
        {
            await UntilAsync(() => driver.Issued + driver.Dropped >= i);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        await UntilAsync(() => driver.Issued + driver.Dropped >= 10);
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, driver.Issued);
        Assert.Equal(7, driver.Dropped);
    }

    [Fact]
    public async Task ClosedModel_KeepsExactlyItsConcurrencyBusy()
    {
        var driver = new LoadDriver(new FakeTimeProvider());
        var inFlight = 0;
        var peak = 0;
        var model = new ConstantConcurrency(3) { Records = 30 };

        await driver.RunAsync(model, async (_, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, token);
            Interlocked.Decrement(ref inFlight);
        }, default).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(30, driver.Issued);
        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task FailingRecords_AreCounted_AndDoNotStopTheRun()
    {
        var driver = new LoadDriver(new FakeTimeProvider());

        await driver.RunAsync(new ConstantConcurrency(2) { Records = 10 }, (i, _) => i % 2 == 0 ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask, default)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, driver.Issued);
        Assert.Equal(5, driver.Failed);
    }

    [Fact]
    public void WarmUp_ExtendsTheDuration()
    {
        var model = new ConstantArrivalRate(1) { Duration = TimeSpan.FromSeconds(10), WarmUp = TimeSpan.FromSeconds(5) };

        Assert.False(model.IsDone(3, TimeSpan.FromSeconds(12)));
        Assert.True(model.IsDone(3, TimeSpan.FromSeconds(15)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
