namespace GtmGuard.Sync.Auth;

/// <summary>One way of obtaining a credential: an OAuth grant, a signed assertion, or a static secret.</summary>
internal interface ITokenGrant
{
    Task<AccessToken> RequestAsync(CancellationToken cancellationToken);
}
