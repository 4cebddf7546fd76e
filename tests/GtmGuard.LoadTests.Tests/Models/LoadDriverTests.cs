using System.Diagnostics;
using System.Runtime.CompilerServices;
using GtmGuard.LoadTests.Models;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.LoadTests.Tests.Models;

/// <summary>The driver on a fake clock: arrivals happen when due, not before, and closed models hold their concurrency.</summary>
public sealed class LoadDriverTests
{
    /// <summary>
    /// Waits (real time: the driver's loop runs on the thread pool) until <paramref name="condition"/> holds; fails the
    /// test naming the condition if it does not within 30 s, generous for a loaded CI machine.
    /// </summary>
    private static async Task UntilAsync(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string what = "")
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Timed out after 30 s waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task OpenConstantRate_IssuesOnlyWhatIsDue_AndStopsAtTheDuration()
    {
        var clock = new WaitObservingClock();
        var driver = new LoadDriver(clock);
        var started = new List<long>();
        var model = new ConstantArrivalRate(10) { Duration = TimeSpan.FromSeconds(2) };
        var seen = new List<(int Millis, long Issued)>();

        var run = driver.RunAsync(model, (i, _) => { lock (started) { started.Add(i); } return ValueTask.CompletedTask; }, default);
        for (var millis = 0; millis <= 2000; millis += 50)
        {
            if (millis > 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(50));
            }

            // Asleep again (or finished): everything due by now has started.
            await UntilAsync(() => clock.SomeoneWaits || run.IsCompleted);
            seen.Add((millis, driver.Issued));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(30));

        // One record every 100 ms from t=0, none early; the one due at t=2 s falls outside the 2-second run.
        Assert.All(seen, s => Assert.Equal(Math.Min(20, (s.Millis / 100) + 1), s.Issued));
        Assert.Equal(20, driver.Issued);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), started.Order());
    }

    [Fact]
    public async Task OpenModel_ByRecordCount_StopsAfterThatMany()
    {
        var clock = new WaitObservingClock();
        var driver = new LoadDriver(clock);
        var model = new ConstantArrivalRate(100) { Records = 25 };
        var advances = 0;

        var run = driver.RunAsync(model, (_, _) => ValueTask.CompletedTask, default);
        while (true)
        {
            await UntilAsync(() => clock.SomeoneWaits || run.IsCompleted);
            if (run.IsCompleted)
            {
                break;
            }

            Assert.True(++advances <= 100, $"still running after {advances} steps of 10 ms with {driver.Issued} issued");
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(30));

        // Record 25 (index 24) is due at 240 ms; the run ends right after it without waiting again.
        Assert.Equal(25, driver.Issued);
        Assert.Equal(24, advances);
    }

    [Fact]
    public async Task OpenModel_DropsArrivalsBeyondMaxInFlight()
    {
        var clock = new WaitObservingClock();
        var driver = new LoadDriver(clock, maxInFlight: 3);
        var release = new TaskCompletionSource();
        var model = new ConstantArrivalRate(10) { Records = 10 };

        var run = driver.RunAsync(model, async (_, _) => await release.Task, default);
        for (var i = 1; i < 10; i++)
        {
            await UntilAsync(() => clock.SomeoneWaits);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        await UntilAsync(() => driver.Issued + driver.Dropped >= 10);
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, driver.Issued);
        Assert.Equal(7, driver.Dropped);
    }

    [Fact]
    public async Task ClosedModel_KeepsExactlyItsConcurrencyBusy()
    {
        var driver = new LoadDriver(new WaitObservingClock());
        var inFlight = 0;
        var peak = 0;
        var model = new ConstantConcurrency(3) { Records = 30 };
        // The first records hold until three are in flight at once, so a stalled machine cannot finish one before the
        // third starts; a driver that never reaches three times out, one that exceeds three shows in the peak.
        var threeInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await driver.RunAsync(model, async (_, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now == 3)
            {
                threeInFlight.TrySetResult();
            }

            await threeInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            await Task.Delay(5, token);
            Interlocked.Decrement(ref inFlight);
        }, default).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(30, driver.Issued);
        Assert.Equal(0, driver.Failed);
        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task FailingRecords_AreCounted_AndDoNotStopTheRun()
    {
        var driver = new LoadDriver(new FakeTimeProvider());

        await driver.RunAsync(new ConstantConcurrency(2) { Records = 10 }, (i, _) => i % 2 == 0 ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask, default)
            .WaitAsync(TimeSpan.FromSeconds(30));

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
