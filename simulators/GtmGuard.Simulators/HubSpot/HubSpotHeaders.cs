namespace GtmGuard.Simulators.HubSpot;

/// <summary>HubSpot's response header names.</summary>
public static class HubSpotHeaders
{
    public const string Daily = "X-HubSpot-RateLimit-Daily";
    public const string DailyRemaining = "X-HubSpot-RateLimit-Daily-Remaining";
    public const string IntervalMilliseconds = "X-HubSpot-RateLimit-Interval-Milliseconds";
    public const string Max = "X-HubSpot-RateLimit-Max";
    public const string Remaining = "X-HubSpot-RateLimit-Remaining";
    public const string Secondly = "X-HubSpot-RateLimit-Secondly";
    public const string SecondlyRemaining = "X-HubSpot-RateLimit-Secondly-Remaining";
    public const string CorrelationId = "X-HubSpot-Correlation-Id";
    public const string AuthFailure = "X-HubSpot-Auth-Failure";
}
