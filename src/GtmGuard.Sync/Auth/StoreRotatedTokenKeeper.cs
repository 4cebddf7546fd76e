using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Auth;

/// <summary>Rotated refresh tokens kept in the sync store, one row per credential.</summary>
internal sealed class StoreRotatedTokenKeeper(ISyncStore store, string credential) : IRotatedTokenKeeper
{
    public string Where => "the sync store";

    public async Task<string?> LoadAsync(string origin, CancellationToken cancellationToken) =>
        await store.GetRotatedTokenAsync(credential, cancellationToken).ConfigureAwait(false) is { } kept && kept.Origin == origin ? kept.Token : null;

    public Task SaveAsync(string token, string origin, CancellationToken cancellationToken) =>
        store.SaveRotatedTokenAsync(credential, token, origin, cancellationToken);
}
