using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>Salesforce's session check and error bodies: always a JSON array of <c>{message, errorCode}</c> (vendor-facts §1.9).</summary>
internal sealed class SalesforceDialect : IVendorDialect
{
    private readonly TokenStore _tokens;

    public SalesforceDialect(TokenStore tokens, IQuotaPolicy quota)
    {
        _tokens = tokens;
        Quota = quota;
    }

    public IQuotaPolicy Quota { get; }

    public SimResponse? Authenticate(SimRequest request)
    {
        var check = _tokens.Check(SessionToken(request));
        return check.IsValid ? null : Unauthorized(check.State);
    }

    /// <summary>Expired, revoked, unknown and missing sessions all look the same to a Salesforce client.</summary>
    public SimResponse Unauthorized(TokenState state) =>
        SalesforceResponses.Error(401, "INVALID_SESSION_ID", "Session expired or invalid")
            .WithHeader(SalesforceHeaders.WwwAuthenticate, "Token");

    public SimResponse ValidationFailed(string message) =>
        SalesforceResponses.Errors(400, new SalesforceError("FIELD_CUSTOM_VALIDATION_EXCEPTION", message, []));

    /// <summary>Injected or real, Salesforce has one answer to a spent allocation.</summary>
    public SimResponse RateLimited(QuotaRejection rejection) =>
        SalesforceResponses.Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");

    public SimResponse ServerError(int status) => status == 503
        ? SalesforceResponses.Error(503, "SERVER_UNAVAILABLE", "Service temporarily unavailable. Please try again later.")
        : SalesforceResponses.Error(status, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1930672310-21470 (-1102937213)");

    public SimResponse MalformedBody(string detail) => SalesforceResponses.Error(400, "JSON_PARSER_ERROR", detail);

    public SimResponse UnsupportedMediaType(string contentType) =>
        SalesforceResponses.Error(415, "UNSUPPORTED_MEDIA_TYPE", $"MediaType of '{contentType.Split(';')[0].Trim()}' is not supported by this resource");

    // The exact 413 wording is not in the sources we could read; the array shape and status are.
    public SimResponse PayloadTooLarge(long limitBytes) =>
        SalesforceResponses.Error(413, "REQUEST_ENTITY_TOO_LARGE", $"The request body exceeds the maximum size of {limitBytes} bytes.");

    public SimResponse NotFound(SimRequest request) => SalesforceResponses.NotFound();

    public SimResponse MethodNotAllowed(SimRequest request, IReadOnlyCollection<string> allowed) =>
        SalesforceResponses.Error(405, "METHOD_NOT_ALLOWED", $"HTTP Method '{request.Method}' not allowed. Allowed are {string.Join(',', allowed)}")
            .WithHeader("Allow", string.Join(", ", allowed));

    public void Decorate(SimRequest request, SimResponse response)
    {
    }

    /// <summary>Salesforce takes the session from <c>Authorization: Bearer …</c> or the older <c>OAuth …</c> scheme.</summary>
    internal static string? SessionToken(SimRequest request)
    {
        var header = request.Header("Authorization")?.Trim();
        foreach (var scheme in new[] { "Bearer ", "OAuth " })
        {
            if (header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header[scheme.Length..].Trim();
            }
        }

        return null;
    }
}
