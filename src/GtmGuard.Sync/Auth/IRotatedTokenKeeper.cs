namespace GtmGuard.Sync.Auth;

/// <summary>
/// Keeps the newest rotated refresh token of one credential durably, so a restart continues the chain instead of
/// presenting a token the vendor already invalidated. <c>origin</c> fingerprints the configured token the chain started
/// from: a newly configured token starts a new chain.
/// </summary>
internal interface IRotatedTokenKeeper
{
    /// <summary>Where tokens are kept, for logs and errors.</summary>
    string Where { get; }

    Task<string?> LoadAsync(string origin, CancellationToken cancellationToken);

    Task SaveAsync(string token, string origin, CancellationToken cancellationToken);
}
