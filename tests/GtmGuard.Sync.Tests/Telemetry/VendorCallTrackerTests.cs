using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Telemetry;

public sealed class VendorCallTrackerTests
{
    [Fact]
    public void Summarize_HundredCalls_GivesRateAverageNearestRankP95AndErrorsByType()
    {
        var clock = new TestClock();
        var tracker = new VendorCallTracker(clock);
        for (var ms = 1; ms <= 100; ms++)
        {
            var outcome = ms switch
            {
                <= 3 => VendorOutcome.ServerError,
                <= 5 => VendorOutcome.RateLimited,
                _ => VendorOutcome.Success,
            };
            tracker.Record(VendorId.HubSpot, outcome, TimeSpan.FromMilliseconds(ms));
        }

        var summary = tracker.Summarize(VendorId.HubSpot, TimeSpan.FromMinutes(5));

        Assert.Equal(100, summary.Requests);
        Assert.Equal(95, summary.Successes);
        Assert.Equal(0.95, summary.SuccessRate);
        Assert.Equal(TimeSpan.FromMilliseconds(50.5), summary.Average);
        Assert.Equal(TimeSpan.FromMilliseconds(95), summary.P95);
        Assert.Equal(new Dictionary<string, int> { ["server_error"] = 3, ["rate_limited"] = 2 }, summary.ErrorsByType);
        Assert.Equal(0, tracker.Summarize(VendorId.Salesforce, TimeSpan.FromMinutes(5)).Requests);
        Assert.Null(tracker.Summarize(VendorId.Salesforce, TimeSpan.FromMinutes(5)).SuccessRate);
    }

    [Fact]
    public void Summarize_CountsOnlyCallsInsideTheWindow()
    {
        var clock = new TestClock();
        var tracker = new VendorCallTracker(clock);
        tracker.Record(VendorId.Clay, VendorOutcome.Timeout, TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromMinutes(4));
        tracker.Record(VendorId.Clay, VendorOutcome.Success, TimeSpan.FromMilliseconds(20));
        clock.Advance(TimeSpan.FromMinutes(2));

        var fiveMinutes = tracker.Summarize(VendorId.Clay, TimeSpan.FromMinutes(5));
        var tenMinutes = tracker.Summarize(VendorId.Clay, TimeSpan.FromMinutes(10));

        Assert.Equal(1, fiveMinutes.Requests);
        Assert.Equal(1.0, fiveMinutes.SuccessRate);
        Assert.Empty(fiveMinutes.ErrorsByType);
        Assert.Equal(2, tenMinutes.Requests);
        Assert.Equal(TimeSpan.FromSeconds(30), tenMinutes.P95);
    }

    [Fact]
    public void Record_ForgetsCallsOlderThanTheRetention()
    {
        var clock = new TestClock();
        var tracker = new VendorCallTracker(clock) { Retention = TimeSpan.FromMinutes(10) };
        tracker.Record(VendorId.Outreach, VendorOutcome.Success, TimeSpan.FromMilliseconds(5));
        clock.Advance(TimeSpan.FromMinutes(11));
        tracker.Record(VendorId.Outreach, VendorOutcome.NotFound, TimeSpan.FromMilliseconds(5));

        var summary = tracker.Summarize(VendorId.Outreach, TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Requests);
        Assert.Equal(0.0, summary.SuccessRate);
    }
}
