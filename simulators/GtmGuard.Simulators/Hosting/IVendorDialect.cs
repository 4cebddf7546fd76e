using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Quotas;

namespace GtmGuard.Simulators.Hosting;

/// <summary>How one vendor speaks: its error bodies, its auth check and its quota policy.</summary>
public interface IVendorDialect
{
    /// <summary>Checks the caller's credentials; null when they are valid.</summary>
    SimResponse? Authenticate(SimRequest request);

    IQuotaPolicy Quota { get; }

    /// <summary>The vendor's 401 for a token in the given state.</summary>
    SimResponse Unauthorized(TokenState state);

    /// <summary>The vendor's validation error (HubSpot 400 VALIDATION_ERROR, Salesforce 400 FIELD_CUSTOM_VALIDATION_EXCEPTION…).</summary>
    SimResponse ValidationFailed(string message);

    /// <summary>The vendor's answer when a quota is exhausted (HubSpot 429, Salesforce 403 REQUEST_LIMIT_EXCEEDED).</summary>
    SimResponse RateLimited(QuotaRejection rejection);

    SimResponse ServerError(int status);

    SimResponse MalformedBody(string detail);

    SimResponse UnsupportedMediaType(string contentType);

    SimResponse PayloadTooLarge(long limitBytes);

    SimResponse NotFound(SimRequest request);

    SimResponse MethodNotAllowed(SimRequest request, IReadOnlyCollection<string> allowed);

    /// <summary>Headers every response of this vendor carries (correlation ids and the like).</summary>
    void Decorate(SimRequest request, SimResponse response);
}
