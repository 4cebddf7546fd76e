using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Sync.Tests.Quotas;

public sealed class QuotaLimiterTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task Acquire_WithinTheLimit_GrantsAtOnce()
    {
        var limiter = Limiter(new QuotaWindowSpec("w", 3, TimeSpan.FromSeconds(10)));

        var leases = new[] { await Acquire(limiter), await Acquire(limiter), await Acquire(limiter) };

        Assert.All(leases, l => Assert.True(l.IsAcquired));
        Assert.Equal(0, limiter.Snapshot()[0].Remaining);
    }

    [Fact]
    public async Task Acquire_WhenRollingWindowIsFull_WaitsUntilTheOldestCallLeavesIt()
    {
        var limiter = Limiter(new QuotaWindowSpec("w", 2, TimeSpan.FromSeconds(10)));
        (await Acquire(limiter)).Dispose();
        (await Acquire(limiter)).Dispose();

        var third = Acquire(limiter).AsTask();
        await Settle();
        var waitingBeforeTheWindowPasses = !third.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(9.9));
        await Settle();
        var waitingAtNinePointNine = !third.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(0.2));

        Assert.True(waitingBeforeTheWindowPasses);
        Assert.True(waitingAtNinePointNine);
        Assert.True((await third.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }

    [Fact]
    public async Task Acquire_CallsStillInFlight_HoldTheirPermitsUntilTheyComplete()
    {
        var limiter = Limiter(new QuotaWindowSpec("w", 1, TimeSpan.FromSeconds(1)));
        var inFlight = await Acquire(limiter);

        var next = Acquire(limiter).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(20));
        await Settle();
        var waitingWhileInFlight = !next.IsCompleted;
        inFlight.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1.1));

        Assert.True(waitingWhileInFlight);
        Assert.True((await next.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }

    [Fact]
    public async Task Acquire_WhenTheWaitExceedsMaxWait_IsRefusedWithTheExpectedWait()
    {
        var limiter = Limiter(new QuotaWindowSpec("hourly", 1, TimeSpan.FromHours(1), Fixed: true));
        (await Acquire(limiter)).Dispose();

        var refused = await Acquire(limiter);

        Assert.False(refused.IsAcquired);
        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAfter);
    }

    [Fact]
    public async Task Acquire_FixedWindow_ResetsAtTheTopOfTheHour()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 59, 50, TimeSpan.Zero));
        var limiter = Limiter(new QuotaWindowSpec("hourly", 1, TimeSpan.FromHours(1), Fixed: true));
        (await Acquire(limiter)).Dispose();

        var next = Acquire(limiter).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True((await next.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }

    [Fact]
    public async Task Observe_VendorReportsFewerCallsLeft_CountsTheOtherClientsCalls()
    {
        var limiter = Limiter(new QuotaWindowSpec(QuotaWindowNames.TenSecond, 100, TimeSpan.FromSeconds(10)));
        (await Acquire(limiter)).Dispose();

        var adapted = limiter.Observe([new QuotaObservation(QuotaWindowNames.TenSecond, Remaining: 2, Limit: 100)]);

        Assert.True(adapted);
        Assert.Equal(2, limiter.Snapshot()[0].Remaining);
    }

    [Fact]
    public async Task Observe_VendorReportsMoreCallsLeft_ChangesNothing()
    {
        var limiter = Limiter(new QuotaWindowSpec(QuotaWindowNames.TenSecond, 100, TimeSpan.FromSeconds(10)));
        (await Acquire(limiter)).Dispose();

        var adapted = limiter.Observe([new QuotaObservation(QuotaWindowNames.TenSecond, Remaining: 99, Limit: 100)]);

        Assert.False(adapted);
        Assert.Equal(99, limiter.Snapshot()[0].Remaining);
    }

    [Fact]
    public void Observe_VendorLimitBelowTheConfiguredOne_LowersTheLimit()
    {
        var limiter = Limiter(new QuotaWindowSpec(QuotaWindowNames.TenSecond, 190, TimeSpan.FromSeconds(10)));

        limiter.Observe([new QuotaObservation(QuotaWindowNames.TenSecond, Remaining: 100, Limit: 100)]);

        Assert.Equal(100, limiter.Snapshot()[0].Limit);
    }

    [Fact]
    public async Task Observe_FixedWindowReset_MovesTheWindowEndToTheVendorsReset()
    {
        var limiter = Limiter(new QuotaWindowSpec(QuotaWindowNames.Hourly, 10, TimeSpan.FromHours(1), Fixed: true));
        limiter.Observe([new QuotaObservation(QuotaWindowNames.Hourly, Remaining: 0, Limit: 10, ResetsAt: _clock.GetUtcNow().AddSeconds(20))]);

        var next = Acquire(limiter).AsTask();
        await Settle();
        var waiting = !next.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(20));

        Assert.True(waiting);
        Assert.True((await next.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }

    [Fact]
    public async Task Acquire_BelowTheSlowDownShare_SpacesCallsAtTheWindowsSteadyRate()
    {
        var limiter = Limiter(new QuotaWindowSpec("w", 10, TimeSpan.FromSeconds(10)), slowDownBelow: 0.5);
        for (var i = 0; i < 6; i++)
        {
            (await Acquire(limiter)).Dispose();
        }

        var paced = Acquire(limiter).AsTask();
        await Settle();
        var waiting = !paced.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(waiting);
        Assert.True((await paced.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }

    [Fact]
    public async Task Acquire_SearchLane_CountsOnlyAgainstItsOwnWindow()
    {
        var limiter = Limiter(
            new QuotaWindowSpec("burst", 1, TimeSpan.FromSeconds(10)),
            new QuotaWindowSpec("search", 5, TimeSpan.FromSeconds(1), Lane: "search"));
        (await Acquire(limiter)).Dispose();

        var search = await limiter.AcquireAsync("search", CancellationToken.None);

        Assert.True(search.IsAcquired);
        Assert.Equal(0, limiter.Snapshot().Single(w => w.Name == "burst").Remaining);
        Assert.Equal(4, limiter.Snapshot().Single(w => w.Name == "search").Remaining);
    }

    [Fact]
    public async Task Acquire_Cancelled_StopsWaiting()
    {
        var limiter = Limiter(new QuotaWindowSpec("w", 1, TimeSpan.FromSeconds(10)));
        (await Acquire(limiter)).Dispose();
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(VendorRequest.DefaultLane, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, limiter.Waiting);
    }

    private static Task Settle() => Task.Delay(50);

    private static ValueTask<QuotaLease> Acquire(QuotaLimiter limiter) => limiter.AcquireAsync(VendorRequest.DefaultLane, CancellationToken.None);

    private QuotaLimiter Limiter(QuotaWindowSpec spec, double slowDownBelow = 0) => Limiter([spec], slowDownBelow);

    private QuotaLimiter Limiter(params QuotaWindowSpec[] specs) => Limiter(specs, 0);

    private QuotaLimiter Limiter(QuotaWindowSpec[] specs, double slowDownBelow) =>
        new(VendorId.HubSpot, "test", new QuotaPolicy(specs, TimeSpan.FromSeconds(30), slowDownBelow, (_, _) => []), _clock, NullLogger.Instance);
}
