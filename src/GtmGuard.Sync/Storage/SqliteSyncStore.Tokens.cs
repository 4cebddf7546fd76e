namespace GtmGuard.Sync.Storage;

/// <summary>Rotated credentials (OAuth refresh tokens that change on every use), so a restart starts from the newest.</summary>
public sealed partial class SqliteSyncStore
{
    public async Task<(string Token, string Origin)?> GetRotatedTokenAsync(string credential, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            "SELECT token, origin FROM rotated_tokens WHERE credential = $credential;",
            r => (r.GetString(0), r.GetString(1)),
            cancellationToken,
            ("$credential", credential)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task SaveRotatedTokenAsync(string credential, string token, string origin, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, now) => SqliteCommands.ExecuteAsync(
                connection,
                """
                INSERT INTO rotated_tokens (credential, token, origin, updated_at) VALUES ($credential, $token, $origin, $now)
                ON CONFLICT (credential) DO UPDATE SET token = excluded.token, origin = excluded.origin, updated_at = excluded.updated_at;
                """,
                cancellationToken,
                ("$credential", credential),
                ("$token", token),
                ("$origin", origin),
                ("$now", now)),
            cancellationToken);
}
