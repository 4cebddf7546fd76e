using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Sync.Telemetry;

/// <summary>What health checks may ask the vendor layer without going around it: quota left, and whether a credential can be had.</summary>
public sealed class VendorDiagnostics
{
    private readonly IServiceProvider _services;
    private readonly QuotaRegistry _quotas;

    internal VendorDiagnostics(IServiceProvider services, QuotaRegistry quotas)
    {
        _services = services;
        _quotas = quotas;
    }

    /// <summary>Every quota window of the vendor's accounts that a call has touched so far.</summary>
    public IReadOnlyList<QuotaReading> Quota(VendorId vendor) =>
        _quotas.All
            .Where(l => l.Vendor == vendor)
            .SelectMany(l => l.Snapshot().Select(w => new QuotaReading(l.Account, w.Name, w.Limit, w.Remaining)))
            .ToList();

    /// <summary>
    /// Obtains the vendor's credential through the same cached token source its client uses. With
    /// <paramref name="forceRefresh"/> a refreshable credential is fetched anew from the token endpoint (token calls are
    /// counted in the vendor metrics); a static one (API key, private-app token) is returned as configured.
    /// </summary>
    public async Task<VendorResult> CheckCredentialAsync(VendorId vendor, bool forceRefresh, CancellationToken cancellationToken)
    {
        var tokens = _services.GetKeyedService<ITokenSource>(vendor);
        if (tokens is null)
        {
            return new VendorResult(VendorOutcome.Success, Error: "The vendor's calls carry no credential.");
        }

        try
        {
            var current = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            if (forceRefresh)
            {
                await tokens.RefreshAsync(current, cancellationToken).ConfigureAwait(false);
            }

            return new VendorResult(VendorOutcome.Success);
        }
        catch (TokenRequestException ex)
        {
            return new VendorResult(ex.Outcome, Error: ex.Message);
        }
    }
}
