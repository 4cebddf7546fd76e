using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// <c>POST /oauth/token</c>: the authorization_code and refresh_token grants. Errors are OAuth JSON
/// (<c>{"error","error_description"}</c>) with Doorkeeper's wording: 401 for client authentication, 400 otherwise.
/// </summary>
internal sealed class OutreachOAuthEndpoints
{
    private const string InvalidGrant =
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";

    private readonly OutreachOptions _options;
    private readonly TokenStore _tokens;
    private readonly OutreachRefreshTokens _refreshTokens;

    public OutreachOAuthEndpoints(OutreachOptions options, TokenStore tokens, OutreachRefreshTokens refreshTokens)
    {
        _options = options;
        _tokens = tokens;
        _refreshTokens = refreshTokens;
    }

    private string Subject => _options.UserId.ToString(CultureInfo.InvariantCulture);

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("POST", "/oauth/token", "oauth.token", Token, RouteTraits.ChaosTarget);
    }

    private SimResponse Token(SimRequest request)
    {
        var form = Fields(request);
        var grant = form.GetValueOrDefault("grant_type");
        if (string.IsNullOrEmpty(grant))
        {
            return Error(400, "invalid_request", "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed. Missing required parameter: grant_type.");
        }

        if (grant is not ("authorization_code" or "refresh_token"))
        {
            return Error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        }

        if (form.GetValueOrDefault("client_id") != _options.ClientId || form.GetValueOrDefault("client_secret") != _options.ClientSecret)
        {
            return Error(401, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
        }

        if (grant == "authorization_code")
        {
            return form.GetValueOrDefault("code") == _options.AuthorizationCode && form.GetValueOrDefault("redirect_uri") == _options.RedirectUri
                ? Issued(_refreshTokens.Issue(Subject))
                : Error(400, "invalid_grant", InvalidGrant);
        }

        return form.GetValueOrDefault("refresh_token") is { Length: > 0 } presented && _refreshTokens.TryRotate(presented, out _, out var rotated)
            ? Issued(rotated)
            : Error(400, "invalid_grant", InvalidGrant);
    }

    private SimResponse Issued(string refreshToken)
    {
        var access = _tokens.Issue(Subject, _options.AccessTokenLifetime);
        return SimResponse.Json(200, new JsonObject
        {
            ["access_token"] = access.Value,
            ["token_type"] = "bearer",
            ["expires_in"] = (long)_options.AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = refreshToken,
            ["scope"] = string.Join(' ', _options.Scopes),
            ["created_at"] = access.IssuedAt.ToUnixTimeSeconds(),
        });
    }

    /// <summary>Form fields, or the members of a JSON body (Doorkeeper reads both).</summary>
    private static IReadOnlyDictionary<string, string> Fields(SimRequest request)
    {
        if (request.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return request.JsonObject()
                .Where(p => p.Value is JsonValue)
                .ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);
        }

        return request.Form();
    }

    private static SimResponse Error(int status, string error, string description) =>
        SimResponse.Json(status, new JsonObject { ["error"] = error, ["error_description"] = description });
}
