using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GtmGuard.Simulators.Auth;

/// <summary>Access and refresh tokens a simulator has issued, with expiry on the injected clock.</summary>
public sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _staticTokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public TokenStore(TimeProvider clock) => _clock = clock;

    /// <summary>Registers a token that never expires on a timer (HubSpot private-app tokens).</summary>
    public void AddStatic(string token, string subject) => _staticTokens[token] = subject;

    public void AddRefreshToken(string refreshToken, string subject) => _refreshTokens[refreshToken] = subject;

    public bool TryRedeemRefreshToken(string refreshToken, out string subject) =>
        _refreshTokens.TryGetValue(refreshToken, out subject!);

    public bool RevokeRefreshToken(string refreshToken) => _refreshTokens.TryRemove(refreshToken, out _);

    /// <summary>Issues a new opaque access token valid for <paramref name="lifetime"/>.</summary>
    public IssuedToken Issue(string subject, TimeSpan lifetime, string prefix = "")
    {
        var now = _clock.GetUtcNow();
        var token = new IssuedToken(prefix + NewSecret(), subject, now, now + lifetime);
        _accessTokens[token.Value] = token;
        return token;
    }

    public TokenCheck Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new TokenCheck(TokenState.Missing);
        }

        if (_staticTokens.TryGetValue(token, out var staticSubject))
        {
            return new TokenCheck(TokenState.Valid, Subject: staticSubject);
        }

        if (!_accessTokens.TryGetValue(token, out var issued))
        {
            return new TokenCheck(TokenState.Unknown);
        }

        if (issued.Revoked)
        {
            return new TokenCheck(TokenState.Revoked, Subject: issued.Subject);
        }

        return issued.ExpiresAt <= _clock.GetUtcNow()
            ? new TokenCheck(TokenState.Expired, issued.ExpiresAt, issued.Subject)
            : new TokenCheck(TokenState.Valid, Subject: issued.Subject);
    }

    /// <summary>Makes every issued access token expire now; refresh tokens keep working.</summary>
    public int ExpireAll()
    {
        var now = _clock.GetUtcNow();
        var count = 0;
        foreach (var (key, token) in _accessTokens)
        {
            if (token.ExpiresAt > now && _accessTokens.TryUpdate(key, token with { ExpiresAt = now }, token))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Revokes every issued access token; with <paramref name="includeRefreshTokens"/> also every refresh token.</summary>
    public int RevokeAll(bool includeRefreshTokens)
    {
        var count = 0;
        foreach (var (key, token) in _accessTokens)
        {
            if (!token.Revoked && _accessTokens.TryUpdate(key, token with { Revoked = true }, token))
            {
                count++;
            }
        }

        if (includeRefreshTokens)
        {
            count += _refreshTokens.Count;
            _refreshTokens.Clear();
        }

        return count;
    }

    public bool Revoke(string token) =>
        _accessTokens.TryGetValue(token, out var issued) && _accessTokens.TryUpdate(token, issued with { Revoked = true }, issued);

    public int ActiveCount
    {
        get
        {
            var now = _clock.GetUtcNow();
            return _accessTokens.Values.Count(t => !t.Revoked && t.ExpiresAt > now);
        }
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}

/// <summary>An access token the simulator issued.</summary>
public sealed record IssuedToken(string Value, string Subject, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Revoked = false);
