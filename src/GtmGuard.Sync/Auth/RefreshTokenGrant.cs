namespace GtmGuard.Sync.Auth;

/// <summary>
/// OAuth <c>refresh_token</c> grant (HubSpot, Salesforce web-server flow, Outreach). When the answer carries a new
/// refresh token (Outreach rotates them; Salesforce may) it replaces the configured one, in memory only.
/// </summary>
internal sealed class RefreshTokenGrant : ITokenGrant
{
    private readonly OAuthTokenEndpoint _endpoint;
    private readonly string _clientId;
    private readonly SecretReference? _clientSecret;
    private readonly SecretReference _configuredRefreshToken;
    private readonly string? _redirectUri;
    private string? _rotatedRefreshToken;

    public RefreshTokenGrant(OAuthTokenEndpoint endpoint, string clientId, SecretReference? clientSecret, SecretReference refreshToken, string? redirectUri = null)
    {
        _endpoint = endpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _configuredRefreshToken = refreshToken;
        _redirectUri = redirectUri;
    }

    public async Task<AccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", Volatile.Read(ref _rotatedRefreshToken) ?? _configuredRefreshToken.Read()),
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
        }

        return token;
    }
}
