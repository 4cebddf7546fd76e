namespace GtmGuard.Simulators.Clay;

/// <summary>Header names Clay reads and sends.</summary>
internal static class ClayHeaders
{
    /// <summary>The Public API key header.</summary>
    public const string ApiKey = "clay-api-key";

    /// <summary>The optional webhook-source token header (named by integrations, not in Clay's own docs).</summary>
    public const string WebhookAuth = "x-clay-webhook-auth";

    public const string RateLimitLimit = "X-RateLimit-Limit";
    public const string RateLimitRemaining = "X-RateLimit-Remaining";
    public const string RateLimitReset = "X-RateLimit-Reset";
    public const string RetryAfter = "Retry-After";
}
