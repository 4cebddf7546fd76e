using System.Text.Json;

namespace GtmGuard.Sync.Auth;

/// <summary>
/// Rotated refresh tokens kept in a file readable by the owner only, replaced atomically (write beside it, then rename)
/// so a crash leaves the old or the new token, never half of one.
/// </summary>
internal sealed class FileRotatedTokenKeeper(string path) : IRotatedTokenKeeper
{
    public string Where => path;

    public async Task<string?> LoadAsync(string origin, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var kept = JsonSerializer.Deserialize<Kept>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        return kept is not null && kept.Origin == origin && !string.IsNullOrEmpty(kept.Token) ? kept.Token : null;
    }

    public async Task SaveAsync(string token, string origin, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        // A leftover from a crash may have wider permissions, and the create mode only applies to a new file.
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await JsonSerializer.SerializeAsync(stream, new Kept(token, origin), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private sealed record Kept(string Token, string Origin);
}
