using GtmGuard.LoadTests.Models;

namespace GtmGuard.LoadTests.Tests.Models;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void ConstantRate_SpacesArrivalsEvenly()
    {
        var model = new ConstantArrivalRate(200);

        Assert.Equal(TimeSpan.Zero, ArrivalSchedule.DueAt(model, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(5), ArrivalSchedule.DueAt(model, 1));
        Assert.Equal(TimeSpan.FromSeconds(1), ArrivalSchedule.DueAt(model, 200));
    }

    [Fact]
    public void Ramp_ArrivalsFollowTheAreaUnderTheRate()
    {
        // 0 → 100/s over 10 s (500 arrivals), then 100/s held for 5 s (500 more).
        var model = new RampingArrivalRate(0, [new RampStage(TimeSpan.FromSeconds(10), 100), new RampStage(TimeSpan.FromSeconds(5), 100)]);

        Assert.Equal(500, ArrivalSchedule.ArrivalsBy(model, TimeSpan.FromSeconds(10)), 6);
        Assert.Equal(125, ArrivalSchedule.ArrivalsBy(model, TimeSpan.FromSeconds(5)), 6);
        Assert.Equal(1000, ArrivalSchedule.ArrivalsBy(model, TimeSpan.FromSeconds(15)), 6);
        Assert.Equal(10, ArrivalSchedule.DueAt(model, 500)!.Value.TotalSeconds, 6);
        Assert.Equal(12.5, ArrivalSchedule.DueAt(model, 750)!.Value.TotalSeconds, 6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(499)]
    [InlineData(999)]
    public void Ramp_DueAtIsTheInverseOfArrivalsBy(long index)
    {
        var model = new RampingArrivalRate(10, [new RampStage(TimeSpan.FromSeconds(10), 150), new RampStage(TimeSpan.FromSeconds(10), 20)]);

        var due = ArrivalSchedule.DueAt(model, index)!.Value;

        // Due times are whole ticks (100 ns), so the round trip is exact to within a thousandth of a record.
        Assert.Equal(index, ArrivalSchedule.ArrivalsBy(model, due), 3);
    }

    [Fact]
    public void ClosedModel_HasNoArrivalSchedule() =>
        Assert.Throws<ArgumentException>(() => ArrivalSchedule.DueAt(new ConstantConcurrency(4), 1));
}
