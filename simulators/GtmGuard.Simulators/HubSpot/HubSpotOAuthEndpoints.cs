using System.Collections.Concurrent;
using System.Security.Cryptography;
using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>OAuth v1: token exchange and refresh (<c>expires_in</c> 1800), token metadata and refresh-token deletion.</summary>
internal sealed class HubSpotOAuthEndpoints
{
    public const string UserSubject = "hubspot-user";
    private const long UserId = 1;

    private readonly HubSpotOptions _options;
    private readonly TokenStore _tokens;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, IssuedToken> _issued = new(StringComparer.Ordinal);

    public HubSpotOAuthEndpoints(HubSpotOptions options, TokenStore tokens, TimeProvider clock)
    {
        _options = options;
        _tokens = tokens;
        _clock = clock;
    }

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("POST", "/oauth/v1/token", "oauth.token", Token, RouteTraits.ChaosTarget);
        yield return new SimRoute("GET", "/oauth/v1/access-tokens/{token}", "oauth.accessToken", AccessTokenInfo, RouteTraits.ChaosTarget);
        yield return new SimRoute("DELETE", "/oauth/v1/refresh-tokens/{token}", "oauth.deleteRefreshToken", DeleteRefreshToken, RouteTraits.ChaosTarget);
    }

    private SimResponse Token(SimRequest request)
    {
        var form = request.Form();
        var clientId = form.GetValueOrDefault("client_id");
        if (clientId != _options.ClientId)
        {
            return Error("BAD_CLIENT_ID", "missing or unknown client id");
        }

        if (form.GetValueOrDefault("client_secret") != _options.ClientSecret)
        {
            return Error("BAD_CLIENT_SECRET", "missing or invalid client secret");
        }

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                if (form.GetValueOrDefault("redirect_uri") != _options.RedirectUri)
                {
                    return Error("BAD_REDIRECT_URI", "redirect_uri does not match the app's redirect URL");
                }

                if (form.GetValueOrDefault("code") != _options.AuthorizationCode)
                {
                    return Error("BAD_AUTH_CODE", "missing or unknown auth code");
                }

                var refreshToken = "na1-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                _tokens.AddRefreshToken(refreshToken, UserSubject);
                return Issued(refreshToken);
            case "refresh_token":
                var presented = form.GetValueOrDefault("refresh_token");
                return presented is not null && _tokens.TryRedeemRefreshToken(presented, out _)
                    ? Issued(presented)
                    : Error("BAD_REFRESH_TOKEN", "missing or invalid refresh token");
            case var grant:
                return Error("BAD_GRANT_TYPE", $"grant_type '{grant}' is not supported; use authorization_code or refresh_token");
        }
    }

    private SimResponse Issued(string refreshToken)
    {
        var access = _tokens.Issue(UserSubject, _options.AccessTokenLifetime, "CJ");
        _issued[access.Value] = access;
        return SimResponse.Json(200, new Dictionary<string, object>
        {
            ["token_type"] = "bearer",
            ["refresh_token"] = refreshToken,
            ["access_token"] = access.Value,
            ["expires_in"] = (long)_options.AccessTokenLifetime.TotalSeconds,
            ["hub_id"] = _options.PortalId,
            ["user_id"] = UserId,
            ["scopes"] = _options.Scopes,
            ["token_use"] = "access_token",
        });
    }

    private SimResponse AccessTokenInfo(SimRequest request)
    {
        var token = request.Route("token");
        if (!_issued.TryGetValue(token, out var issued) || !_tokens.Check(token).IsValid)
        {
            return HubSpotErrors.Error(404, "OBJECT_NOT_FOUND", "The access token is expired or invalid.");
        }

        return SimResponse.Json(200, new Dictionary<string, object>
        {
            ["token"] = token,
            ["user"] = "integration@gtmguard.local",
            ["hub_domain"] = "gtmguard-sim.hubspot.local",
            ["scopes"] = _options.Scopes,
            ["hub_id"] = _options.PortalId,
            ["app_id"] = _options.AppId,
            ["expires_in"] = Math.Max(0, (long)(issued.ExpiresAt - _clock.GetUtcNow()).TotalSeconds),
            ["user_id"] = UserId,
            ["token_type"] = "access",
        });
    }

    private SimResponse DeleteRefreshToken(SimRequest request)
    {
        _tokens.RevokeRefreshToken(request.Route("token"));
        return SimResponse.Empty(204);
    }

    private static SimResponse Error(string status, string message) => SimResponse.Json(400, new Dictionary<string, string>
    {
        ["status"] = status,
        ["message"] = message,
        ["correlationId"] = Guid.NewGuid().ToString(),
    });
}
