using System.Security.Cryptography;
using System.Text;

namespace GtmGuard.Sync.Auth;

/// <summary>
/// OAuth <c>refresh_token</c> grant (HubSpot, Salesforce web-server flow, Outreach). When the answer carries a new
/// refresh token (Outreach rotates them on every use; Salesforce may) it replaces the configured one, and with a
/// <see cref="IRotatedTokenKeeper"/> it is kept durably before it is used, so a restart starts from the newest.
/// </summary>
internal sealed class RefreshTokenGrant : ITokenGrant
{
    private readonly OAuthTokenEndpoint _endpoint;
    private readonly string _clientId;
    private readonly SecretReference? _clientSecret;
    private readonly SecretReference _configuredRefreshToken;
    private readonly string? _redirectUri;
    private readonly IRotatedTokenKeeper? _keeper;
    private readonly Lock _gate = new();
    private Task<string?>? _kept;
    private string? _rotatedRefreshToken;

    public RefreshTokenGrant(OAuthTokenEndpoint endpoint, string clientId, SecretReference? clientSecret, SecretReference refreshToken, string? redirectUri = null, IRotatedTokenKeeper? keeper = null)
    {
        _endpoint = endpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _configuredRefreshToken = refreshToken;
        _redirectUri = redirectUri;
        _keeper = keeper;
    }

    public async Task<AccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var configured = _configuredRefreshToken.Read();
        var origin = Origin(configured);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", await CurrentAsync(configured, origin, cancellationToken).ConfigureAwait(false)),
            new("client_id", _clientId),
        };
        if (_clientSecret is { IsSet: true })
        {
            form.Add(new("client_secret", _clientSecret.Read()));
        }

        if (!string.IsNullOrEmpty(_redirectUri))
        {
            form.Add(new("redirect_uri", _redirectUri));
        }

        var (token, refreshToken) = await _endpoint.RequestAsync(form, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(refreshToken))
        {
            Volatile.Write(ref _rotatedRefreshToken, refreshToken);
            if (_keeper is not null)
            {
                // The vendor already invalidated the old token: keep the new one before anything else can fail.
                await _keeper.SaveAsync(refreshToken, origin, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return token;
    }

    /// <summary>The newest refresh token: rotated in this process, else kept from an earlier one, else configured.</summary>
    private async Task<string> CurrentAsync(string configured, string origin, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _rotatedRefreshToken) is { } rotated)
        {
            return rotated;
        }

        if (_keeper is null)
        {
            return configured;
        }

        Task<string?> kept;
        lock (_gate)
        {
            // Read once per process: afterwards rotations in this process are the newest.
            kept = _kept ??= _keeper.LoadAsync(origin, CancellationToken.None);
        }

        string? loaded;
        try
        {
            loaded = await kept.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (kept.IsFaulted)
        {
            // A failed read (the store busy, a file half-written) must not stick for the process's life: the next
            // refresh reads again.
            lock (_gate)
            {
                if (ReferenceEquals(_kept, kept))
                {
                    _kept = null;
                }
            }

            throw;
        }

        if (loaded is not null)
        {
            Interlocked.CompareExchange(ref _rotatedRefreshToken, loaded, null);
        }

        return Volatile.Read(ref _rotatedRefreshToken) ?? configured;
    }

    /// <summary>A fingerprint of the configured token (not the token): a newly configured one starts a new chain.</summary>
    internal static string Origin(string configured) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configured)))[..16];
}
