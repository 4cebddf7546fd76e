using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Tests.Quotas;

public sealed class RollingWindowCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAcquire_UpToTheLimit_ThenRefuses()
    {
        var counter = new RollingWindowCounter(TimeSpan.FromSeconds(10), 100);

        var acquired = Enumerable.Range(0, 5).Select(_ => counter.TryAcquire(Start, 5).Acquired).ToList();
        var sixth = counter.TryAcquire(Start, 5);

        Assert.All(acquired, Assert.True);
        Assert.False(sixth.Acquired);
        Assert.Equal(5, sixth.Used);
    }

    [Fact]
    public void Window_RollsOff_EventsOlderThanTheWindow()
    {
        var counter = new RollingWindowCounter(TimeSpan.FromSeconds(10), 100);
        counter.TryAcquire(Start, 10);
        counter.TryAcquire(Start.AddSeconds(5), 10);

        var at9 = counter.Used(Start.AddSeconds(9.9));
        var at10 = counter.Used(Start.AddSeconds(10));
        var at15 = counter.Used(Start.AddSeconds(15));

        Assert.Equal(2, at9);
        Assert.Equal(1, at10);
        Assert.Equal(0, at15);
    }

    [Fact]
    public void OldestExpiry_IsWhenTheFirstEventLeavesTheWindow()
    {
        var counter = new RollingWindowCounter(TimeSpan.FromSeconds(10), 100);
        counter.TryAcquire(Start.AddSeconds(1), 10);

        Assert.Equal(Start.AddSeconds(11), counter.OldestExpiry(Start.AddSeconds(3)));
    }

    [Fact]
    public void TwentyFourHourWindow_CountsAcrossTheDayAndForgetsAfterIt()
    {
        var counter = new RollingWindowCounter(TimeSpan.FromHours(24), 1440);
        for (var hour = 0; hour < 24; hour++)
        {
            counter.TryAcquire(Start.AddHours(hour), 1000);
        }

        Assert.Equal(24, counter.Used(Start.AddHours(23.5)));
        // Hours 13..23 are still inside the window that ends at hour 36; hour 12 has just left it.
        Assert.Equal(11, counter.Used(Start.AddHours(36)));
    }
}
