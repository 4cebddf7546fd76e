using System.Globalization;
using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>HubSpot's auth check and error bodies (vendor-facts §2.4–2.6).</summary>
internal sealed class HubSpotDialect : IVendorDialect
{
    private const string CredentialsNotFound =
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    private readonly TokenStore _tokens;
    private readonly TimeProvider _clock;

    public HubSpotDialect(TokenStore tokens, IQuotaPolicy quota, TimeProvider clock)
    {
        _tokens = tokens;
        Quota = quota;
        _clock = clock;
    }

    public IQuotaPolicy Quota { get; }

    public SimResponse? Authenticate(SimRequest request)
    {
        var check = _tokens.Check(BearerToken(request));
        return check.IsValid ? null : Unauthorized(check.State, check.ExpiredAt);
    }

    public SimResponse Unauthorized(TokenState state) => Unauthorized(state, state == TokenState.Expired ? _clock.GetUtcNow() : null);

    public SimResponse ValidationFailed(string message) => HubSpotErrors.Validation(message);

    public SimResponse RateLimited(QuotaRejection rejection)
    {
        var policy = rejection.IsInjected ? HubSpotQuota.TenSecondPolicy : rejection.PolicyName;
        var message = rejection.IsInjected ? HubSpotQuota.TenSecondMessage : rejection.Message;
        return SimResponse.Json(429, new Dictionary<string, object>
        {
            ["status"] = "error",
            ["message"] = message,
            ["errorType"] = "RATE_LIMIT",
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["policyName"] = policy,
            ["requestId"] = Guid.NewGuid().ToString(),
        });
    }

    public SimResponse ServerError(int status) => status == 503
        ? HubSpotErrors.Error(503, "SERVICE_UNAVAILABLE", "Service Unavailable. Please retry the request.")
        : HubSpotErrors.Error(status, "INTERNAL_ERROR", "internal error");

    public SimResponse MalformedBody(string detail) => HubSpotErrors.Validation($"Invalid input JSON: {detail}");

    public SimResponse UnsupportedMediaType(string contentType) =>
        HubSpotErrors.Error(415, "UNSUPPORTED_MEDIA_TYPE", $"Content type '{contentType}' not supported; send application/json.");

    public SimResponse PayloadTooLarge(long limitBytes) =>
        HubSpotErrors.Error(413, "VALIDATION_ERROR", $"Request body exceeds the maximum size of {limitBytes} bytes.");

    public SimResponse NotFound(SimRequest request) =>
        HubSpotErrors.Error(404, "OBJECT_NOT_FOUND", $"No endpoint matches {request.Method} {request.Path}.");

    public SimResponse MethodNotAllowed(SimRequest request, IReadOnlyCollection<string> allowed) =>
        HubSpotErrors.Error(405, "VALIDATION_ERROR", $"HTTP {request.Method} is not supported by {request.Path}. Supported: {string.Join(", ", allowed)}.")
            .WithHeader("Allow", string.Join(", ", allowed));

    public void Decorate(SimRequest request, SimResponse response) =>
        response.Headers.TryAdd(HubSpotHeaders.CorrelationId, Guid.NewGuid().ToString());

    internal static string? BearerToken(SimRequest request)
    {
        var header = request.Header("Authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private SimResponse Unauthorized(TokenState state, DateTimeOffset? expiredAt)
    {
        if (state == TokenState.Expired && expiredAt is { } at)
        {
            var ago = Math.Max(0, (long)(_clock.GetUtcNow() - at).TotalSeconds);
            return HubSpotErrors.Error(
                    401,
                    "EXPIRED_AUTHENTICATION",
                    $"The OAuth token used to make this call expired {ago} second(s) ago.",
                    new Dictionary<string, string[]> { ["expire time"] = [at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)] })
                .WithHeader(HubSpotHeaders.AuthFailure, "401 Unauthorized");
        }

        return HubSpotErrors.Error(401, "INVALID_AUTHENTICATION", CredentialsNotFound)
            .WithHeader(HubSpotHeaders.AuthFailure, "401 Unauthorized");
    }
}
