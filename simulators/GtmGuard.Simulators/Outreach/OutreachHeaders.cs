namespace GtmGuard.Simulators.Outreach;

/// <summary>Outreach's media type and header names.</summary>
internal static class OutreachHeaders
{
    /// <summary>JSON:API: every request body and every API response.</summary>
    public const string JsonApi = "application/vnd.api+json";

    public const string RateLimitLimit = "X-RateLimit-Limit";
    public const string RateLimitRemaining = "X-RateLimit-Remaining";
    public const string RateLimitReset = "X-RateLimit-Reset";
    public const string RetryAfter = "Retry-After";

    public const string WebhookSignature = "Outreach-Webhook-Signature";
    public const string WebhookId = "Outreach-Webhook-ID";

    /// <summary>True for <c>application/vnd.api+json</c>, with or without parameters such as a charset.</summary>
    public static bool IsJsonApi(string? contentType) =>
        contentType is not null && string.Equals(contentType.Split(';', 2)[0].Trim(), JsonApi, StringComparison.OrdinalIgnoreCase);
}
