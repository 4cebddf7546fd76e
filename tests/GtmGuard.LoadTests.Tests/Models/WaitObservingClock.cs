using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.LoadTests.Tests.Models;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows whether someone is waiting on one of its timers. The driver computes its
/// next delay from the current time and then registers it; advancing the clock between those two steps would push the
/// wake-up later than the schedule says. Tests advance only once the driver is waiting, which makes every step exact.
/// </summary>
internal sealed class WaitObservingClock : TimeProvider
{
    private readonly FakeTimeProvider _inner = new();
    private int _pending;

    /// <summary>Whether a timer is registered and has not fired yet: the driver is asleep until a due time.</summary>
    public bool SomeoneWaits => Volatile.Read(ref _pending) > 0;

    public void Advance(TimeSpan by) => _inner.Advance(by);

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Counted only once the inner timer is registered: counting first let a test advance the clock in between, and
        // the timer then started from the advanced time. A timer that fires during registration (due at once) takes its
        // count back before it is added, so the sum still ends at zero.
        var fired = 0;
        var timer = _inner.CreateTimer(
            s =>
            {
                if (Interlocked.Exchange(ref fired, 1) == 0)
                {
                    Interlocked.Decrement(ref _pending);
                }

                callback(s);
            },
            state,
            dueTime,
            period);
        Interlocked.Increment(ref _pending);
        return timer;
    }
}
