using System.Collections.Concurrent;
using System.Security.Cryptography;
using GtmGuard.Simulators.Auth;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// Outreach refresh tokens: 14-day lifetime, rotated on every use (the old one stops working). They are also kept in the
/// shared <see cref="TokenStore"/>, so the control API's revoke endpoints reach them.
/// </summary>
internal sealed class OutreachRefreshTokens
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly TokenStore _tokens;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public OutreachRefreshTokens(TokenStore tokens, TimeProvider clock, TimeSpan lifetime)
    {
        _tokens = tokens;
        _clock = clock;
        _lifetime = lifetime;
    }

    /// <summary>Accepts <paramref name="token"/> as a refresh token for the next lifetime.</summary>
    public void Add(string token, string subject)
    {
        _expiries[token] = _clock.GetUtcNow() + _lifetime;
        _tokens.AddRefreshToken(token, subject);
    }

    /// <summary>A fresh refresh token for <paramref name="subject"/>.</summary>
    public string Issue(string subject)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Add(token, subject);
        return token;
    }

    /// <summary>Redeems <paramref name="token"/> once: on success it is revoked and a new one returned.</summary>
    public bool TryRotate(string token, out string subject, out string replacement)
    {
        replacement = string.Empty;
        if (!_tokens.TryRedeemRefreshToken(token, out subject)
            || !_expiries.TryGetValue(token, out var expiresAt)
            || expiresAt <= _clock.GetUtcNow()
            || !_tokens.RevokeRefreshToken(token))
        {
            return false;
        }

        _expiries.TryRemove(token, out _);
        replacement = Issue(subject);
        return true;
    }
}
