using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Sync.Tests;

/// <summary>A fake clock shared by the simulator and the sync core that remembers every timer asked of it.</summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public TestClock()
        : base(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Due times of every timer created so far (delays, timeouts).</summary>
    public IReadOnlyCollection<TimeSpan> Timers => _timers;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (in real time, briefly) until something asked for a timer matching <paramref name="match"/>.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        for (var i = 0; i < 2000 && !_timers.Any(match); i++)
        {
            await Task.Delay(5);
        }

        Assert.Contains(_timers, t => match(t));
    }

    /// <summary>
    /// Runs <paramref name="work"/> to completion, moving the fake clock forward by <paramref name="step"/> whenever it
    /// is still waiting, so waits on the clock pass instantly; gives up after <paramref name="maxFakeTime"/>.
    /// </summary>
    public async Task<T> PumpAsync<T>(Task<T> work, TimeSpan step, TimeSpan? maxFakeTime = null)
    {
        var limit = GetUtcNow() + (maxFakeTime ?? TimeSpan.FromMinutes(10));
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(10));
            if (!work.IsCompleted)
            {
                Assert.True(GetUtcNow() < limit, "The work did not finish within the fake time allowed.");
                Advance(step);
            }
        }

        return await work;
    }

    public async Task PumpAsync(Task work, TimeSpan step, TimeSpan? maxFakeTime = null)
    {
        await PumpAsync(AsValue(work), step, maxFakeTime);

        static async Task<bool> AsValue(Task task)
        {
            await task;
            return true;
        }
    }
}
