using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Auth;

/// <summary>
/// Caches one account's token and refreshes it through its grant: ahead of expiry when the expiry is known, and on
/// a 401 — once, shared by every caller that saw the same rejected token.
/// </summary>
internal sealed partial class CachedTokenSource : ITokenSource
{
    private readonly VendorId _vendor;
    private readonly ITokenGrant _grant;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _refreshAhead;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private AccessToken? _current;
    private Task<AccessToken>? _pending;

    public CachedTokenSource(VendorId vendor, ITokenGrant grant, TimeProvider clock, TimeSpan refreshAhead, ILogger logger, string? headerName = null)
    {
        _vendor = vendor;
        _grant = grant;
        _clock = clock;
        _refreshAhead = refreshAhead;
        _logger = logger;
        HeaderName = headerName;
    }

    public string? HeaderName { get; }

    public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is { } current && !IsStale(current))
            {
                return ValueTask.FromResult(current);
            }
        }

        return new ValueTask<AccessToken>(RefreshAsync(null, cancellationToken));
    }

    public Task<AccessToken> RefreshAsync(AccessToken? rejected, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is { } current && !ReferenceEquals(current, rejected) && !IsStale(current))
            {
                return Task.FromResult(current);
            }

            // The shared request is not tied to the first caller's cancellation; each caller stops waiting on its own token.
            _pending ??= Task.Run(FetchAsync, CancellationToken.None);
            return _pending.WaitAsync(cancellationToken);
        }
    }

    private bool IsStale(AccessToken token) => token.ExpiresAt is { } expiresAt && _clock.GetUtcNow() >= expiresAt - _refreshAhead;

    private async Task<AccessToken> FetchAsync()
    {
        try
        {
            var token = await _grant.RequestAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _current = token;
                _pending = null;
            }

            LogObtained(_vendor.Label(), token.ExpiresAt is { } at ? at - _clock.GetUtcNow() : null);
            return token;
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _pending = null;
            }

            LogFailed(_vendor.Label(), ex.GetType().Name, ex is TokenRequestException ? ex.Message : "transport failure");
            throw;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Auth {Vendor}: obtained a new token (valid for {Lifetime})")]
    private partial void LogObtained(string vendor, TimeSpan? lifetime);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Auth {Vendor}: could not obtain a token ({Error}): {Reason}")]
    private partial void LogFailed(string vendor, string error, string reason);
}
