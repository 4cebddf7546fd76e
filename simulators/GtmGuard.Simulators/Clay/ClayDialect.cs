using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// Clay's auth checks and error bodies (vendor-facts §4.3): the Public API wants <c>clay-api-key</c>; a webhook
/// source with a token wants <c>x-clay-webhook-auth</c>. Every error is <c>{"message": …}</c>.
/// </summary>
internal sealed class ClayDialect : IVendorDialect
{
    private readonly string _apiKey;
    private readonly ClayTables _tables;

    public ClayDialect(ClayOptions options, ClayTables tables, IQuotaPolicy quota)
    {
        _apiKey = options.ApiKey;
        _tables = tables;
        Quota = quota;
    }

    public IQuotaPolicy Quota { get; }

    public SimResponse? Authenticate(SimRequest request)
    {
        if (ClayWebhookEndpoints.SourceId(request.Path) is { } sourceId)
        {
            return AuthenticateSource(request, sourceId);
        }

        return request.Header(ClayHeaders.ApiKey) is { } key && string.Equals(key, _apiKey, StringComparison.Ordinal)
            ? null
            : Unauthorized(TokenState.Missing);
    }

    public SimResponse Unauthorized(TokenState state) => ClayErrors.Error(401, ClayErrors.AuthenticationFailed);

    public SimResponse ValidationFailed(string message) => ClayErrors.BadRequest(message);

    public SimResponse RateLimited(QuotaRejection rejection)
    {
        var retryAfter = ClayQuota.Seconds(rejection.RetryAfter);
        return ClayErrors.Error(429, $"Rate limit exceeded. Retry after {retryAfter} seconds.")
            .WithHeader(ClayHeaders.RetryAfter, retryAfter);
    }

    public SimResponse ServerError(int status) => status == 503
        ? ClayErrors.Error(503, "Service temporarily unavailable. Please try again later.")
        : ClayErrors.Error(status, "Internal server error");

    public SimResponse MalformedBody(string detail) => ClayErrors.BadRequest($"Invalid JSON body: {detail}");

    public SimResponse UnsupportedMediaType(string contentType) =>
        ClayErrors.Error(415, $"Unsupported content type '{contentType}'. Send application/json.");

    public SimResponse PayloadTooLarge(long limitBytes) =>
        ClayErrors.Error(413, $"Request body is larger than {ClayErrors.Count(limitBytes)} bytes.");

    public SimResponse NotFound(SimRequest request) => ClayErrors.NotFound($"Cannot {request.Method} {request.Path}");

    public SimResponse MethodNotAllowed(SimRequest request, IReadOnlyCollection<string> allowed) =>
        ClayErrors.Error(405, $"Method {request.Method} is not allowed on {request.Path}.").WithHeader("Allow", string.Join(", ", allowed));

    public void Decorate(SimRequest request, SimResponse response)
    {
    }

    /// <summary>Unknown sources pass here and get the handler's 404; a source without a token accepts anyone.</summary>
    private SimResponse? AuthenticateSource(SimRequest request, string sourceId)
    {
        string? expected;
        lock (_tables.Gate)
        {
            expected = _tables.FindBySource(sourceId)?.WebhookAuthToken;
        }

        if (expected is null)
        {
            return null;
        }

        return request.Header(ClayHeaders.WebhookAuth) is { } presented && string.Equals(presented, expected, StringComparison.Ordinal)
            ? null
            : ClayErrors.Error(401, $"Unauthorized: this webhook source requires a valid {ClayHeaders.WebhookAuth} header.");
    }
}
