using System.Globalization;
using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Outreach's bearer-token check and JSON:API error documents (vendor-facts §3.3–3.5).</summary>
internal sealed class OutreachDialect : IVendorDialect
{
    /// <summary>How far ahead an injected 503 says maintenance ends.</summary>
    private static readonly TimeSpan MaintenanceWindow = TimeSpan.FromMinutes(1);

    private readonly TokenStore _tokens;
    private readonly OutreachQuota _quota;
    private readonly TimeProvider _clock;

    public OutreachDialect(TokenStore tokens, OutreachQuota quota, TimeProvider clock)
    {
        _tokens = tokens;
        _quota = quota;
        _clock = clock;
    }

    public IQuotaPolicy Quota => _quota;

    public SimResponse? Authenticate(SimRequest request) =>
        _tokens.Check(BearerToken(request)).IsValid ? null : OutreachErrors.Unauthorized();

    /// <summary>Outreach does not distinguish missing, unknown, expired or revoked tokens.</summary>
    public SimResponse Unauthorized(TokenState state) => OutreachErrors.Unauthorized();

    public SimResponse ValidationFailed(string message) => OutreachErrors.Validation(message);

    public SimResponse RateLimited(QuotaRejection rejection)
    {
        var now = _clock.GetUtcNow();
        var reset = OutreachQuota.NextHour(now);
        var retryAfter = (long)Math.Ceiling((rejection.IsInjected ? reset - now : rejection.RetryAfter).TotalSeconds);
        return OutreachErrors.Error(429, "rateLimitExceeded", "Rate Limit Exceeded", _quota.RejectionDetail(reset))
            .WithHeader(OutreachHeaders.RetryAfter, Math.Max(1, retryAfter).ToString(CultureInfo.InvariantCulture));
    }

    public SimResponse ServerError(int status)
    {
        if (status != 503)
        {
            return OutreachErrors.Error(status, "internalServerError", "Internal Server Error", "An unexpected error occurred; please try again.");
        }

        // Outreach's maintenance 503 gives the end of the window as an ISO-8601 time in Retry-After, not seconds.
        var until = (_clock.GetUtcNow() + MaintenanceWindow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return OutreachErrors.Error(503, "scheduledServerMaintenance", "Scheduled Server Maintenance", $"Scheduled server maintenance is under way; please try again at {until}.")
            .WithHeader(OutreachHeaders.RetryAfter, until);
    }

    public SimResponse MalformedBody(string detail) => OutreachErrors.BadRequest($"The request body is not valid JSON: {detail}");

    public SimResponse UnsupportedMediaType(string contentType) => OutreachErrors.UnsupportedMediaType();

    public SimResponse PayloadTooLarge(long limitBytes) =>
        OutreachErrors.Error(413, "requestEntityTooLarge", "Request Entity Too Large", $"The request body exceeds {limitBytes} bytes.");

    public SimResponse NotFound(SimRequest request) =>
        OutreachErrors.Error(404, "notFound", "Not Found", $"No route matches {request.Method} {request.Path}.");

    public SimResponse MethodNotAllowed(SimRequest request, IReadOnlyCollection<string> allowed) =>
        OutreachErrors.Error(405, "methodNotAllowed", "Method Not Allowed", $"{request.Method} is not supported by {request.Path}; use {string.Join(", ", allowed)}.")
            .WithHeader("Allow", string.Join(", ", allowed));

    public void Decorate(SimRequest request, SimResponse response)
    {
    }

    internal static string? BearerToken(SimRequest request)
    {
        var header = request.Header("Authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
