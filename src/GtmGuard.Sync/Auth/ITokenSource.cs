namespace GtmGuard.Sync.Auth;

/// <summary>The credential of one vendor account, cached; one refresh at a time however many callers ask.</summary>
internal interface ITokenSource
{
    /// <summary>Header carrying the credential; null means <c>Authorization: Bearer</c>.</summary>
    string? HeaderName { get; }

    /// <summary>The cached token, refreshed first when it is about to expire.</summary>
    ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A token newer than <paramref name="rejected"/>: the one another caller already fetched, or the result of the
    /// single refresh every concurrent caller shares.
    /// </summary>
    Task<AccessToken> RefreshAsync(AccessToken? rejected, CancellationToken cancellationToken);
}
