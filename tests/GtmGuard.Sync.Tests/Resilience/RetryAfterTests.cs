using System.Globalization;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Tests.Resilience;

public sealed class RetryAfterTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public void Seconds_AreADelay()
    {
        Assert.True(RetryAfter.TryParse("120", _clock, out var delay));
        Assert.Equal(TimeSpan.FromMinutes(2), delay);
    }

    [Fact]
    public void HttpDate_IsMeasuredFromTheInjectedClock()
    {
        var at = _clock.GetUtcNow().AddSeconds(90).ToString("r", CultureInfo.InvariantCulture);

        Assert.True(RetryAfter.TryParse(at, _clock, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(90), delay);
    }

    [Fact]
    public void OutreachMaintenanceTime_WithoutOffset_IsReadAsUtc()
    {
        var at = _clock.GetUtcNow().AddMinutes(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        Assert.True(RetryAfter.TryParse(at, _clock, out var delay));
        Assert.Equal(TimeSpan.FromMinutes(30), delay);
    }

    [Fact]
    public void DateInThePast_IsNoWait()
    {
        Assert.True(RetryAfter.TryParse(_clock.GetUtcNow().AddHours(-1).ToString("r", CultureInfo.InvariantCulture), _clock, out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void AWaitFarBeyondAnyBudget_IsClampedToAYear_NotAnOverflow()
    {
        Assert.True(RetryAfter.TryParse("99999999999999", _clock, out var delay));
        Assert.Equal(TimeSpan.FromDays(365), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Unreadable_IsIgnored(string? value) => Assert.False(RetryAfter.TryParse(value, _clock, out _));

    [Fact]
    public void ResponseHeader_ParsedByHttpClient_IsUsed()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        Assert.True(RetryAfter.TryGet(response, _clock, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(7), delay);
    }
}
