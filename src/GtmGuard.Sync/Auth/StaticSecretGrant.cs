namespace GtmGuard.Sync.Auth;

/// <summary>
/// A credential that does not expire on a timer (HubSpot private-app token, Clay API key). A "refresh" re-reads the
/// environment variable or file, so a rotated secret is picked up without a restart.
/// </summary>
internal sealed class StaticSecretGrant : ITokenGrant
{
    private readonly SecretReference _secret;

    public StaticSecretGrant(SecretReference secret) => _secret = secret;

    public Task<AccessToken> RequestAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AccessToken(_secret.Read(), ExpiresAt: null));
}
