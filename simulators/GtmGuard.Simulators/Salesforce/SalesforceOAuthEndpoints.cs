using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// OAuth 2.0 on the login host (vendor-facts §1.7): refresh token, username-password, client credentials
/// and JWT bearer grants, token revocation and the identity URL. Token responses have no <c>expires_in</c>
/// and, as with Salesforce, no grant here hands out a new refresh token.
/// </summary>
internal sealed class SalesforceOAuthEndpoints
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly SalesforceOptions _options;
    private readonly TokenStore _tokens;
    private readonly SalesforceJwtBearer _jwt;
    private readonly TimeProvider _clock;

    public SalesforceOAuthEndpoints(SalesforceOptions options, TokenStore tokens, SalesforceJwtBearer jwt, TimeProvider clock)
    {
        _options = options;
        _tokens = tokens;
        _jwt = jwt;
        _clock = clock;
    }

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("POST", "/services/oauth2/token", "oauth.token", Token, RouteTraits.ChaosTarget);
        yield return new SimRoute("POST", "/services/oauth2/revoke", "oauth.revoke", Revoke, RouteTraits.ChaosTarget);
        yield return new SimRoute("GET", "/services/oauth2/revoke", "oauth.revoke", Revoke, RouteTraits.ChaosTarget);
        yield return new SimRoute("GET", "/id/{orgId}/{userId}", "oauth.identity", Identity, RouteTraits.Authenticated | RouteTraits.ChaosTarget);
    }

    private SimResponse Token(SimRequest request)
    {
        var form = Params(request);
        var grant = form.GetValueOrDefault("grant_type");
        if (grant == JwtBearerGrant)
        {
            return _jwt.Check(form.GetValueOrDefault("assertion")) is { } failure ? Error(failure.Error, failure.Description) : Issued(request);
        }

        if (grant is not ("refresh_token" or "password" or "client_credentials"))
        {
            return Error("unsupported_grant_type", "grant type not supported");
        }

        if (form.GetValueOrDefault("client_id") != _options.ClientId)
        {
            return Error("invalid_client_id", "client identifier invalid");
        }

        // A connected app may let the refresh flow skip the secret; a wrong secret is always refused.
        var secret = form.GetValueOrDefault("client_secret");
        if ((secret is null && grant != "refresh_token") || (secret is not null && secret != _options.ClientSecret))
        {
            return Error("invalid_client", "invalid client credentials");
        }

        return grant switch
        {
            "refresh_token" => form.GetValueOrDefault("refresh_token") is { } refresh && _tokens.TryRedeemRefreshToken(refresh, out _)
                ? Issued(request)
                : Error("invalid_grant", "expired access/refresh token"),
            "password" => PasswordMatches(form) ? Issued(request) : Error("invalid_grant", "authentication failure"),
            _ => Issued(request),
        };
    }

    private bool PasswordMatches(IReadOnlyDictionary<string, string> form) =>
        string.Equals(form.GetValueOrDefault("username"), _options.Username, StringComparison.OrdinalIgnoreCase)
        && form.GetValueOrDefault("password") == _options.Password + (_options.SecurityToken ?? string.Empty);

    private SimResponse Issued(SimRequest request)
    {
        var baseUrl = request.BaseUrl;
        var session = _tokens.Issue(_options.Username, _options.SessionLifetime, _options.OrgId[..15] + "!");
        var id = $"{baseUrl}/id/{_options.OrgId}/{_options.UserId}";
        var issuedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return SalesforceResponses.Json(200, new Dictionary<string, string>
        {
            ["access_token"] = session.Value,
            ["signature"] = Signature(id, issuedAt),
            ["scope"] = _options.Scope,
            ["instance_url"] = baseUrl,
            ["id"] = id,
            ["token_type"] = "Bearer",
            ["issued_at"] = issuedAt,
        });
    }

    /// <summary>Base64 HMAC-SHA256 of the identity URL and issue time, keyed with the consumer secret.</summary>
    private string Signature(string id, string issuedAt) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.ClientSecret), Encoding.UTF8.GetBytes(id + issuedAt)));

    private SimResponse Revoke(SimRequest request)
    {
        var token = Params(request).GetValueOrDefault("token");
        return token is not null && (_tokens.Revoke(token) || _tokens.RevokeRefreshToken(token))
            ? SimResponse.Empty(200)
            : Error("unsupported_token_type", "this token type is not supported");
    }

    private SimResponse Identity(SimRequest request)
    {
        if (request.Route("orgId") != _options.OrgId || request.Route("userId") != _options.UserId)
        {
            return SimResponse.Text(403, "Bad_Id", "text/plain");
        }

        var baseUrl = request.BaseUrl;
        return SalesforceResponses.Json(200, new Dictionary<string, object>
        {
            ["id"] = $"{baseUrl}/id/{_options.OrgId}/{_options.UserId}",
            ["asserted_user"] = true,
            ["user_id"] = _options.UserId,
            ["organization_id"] = _options.OrgId,
            ["username"] = _options.Username,
            ["nick_name"] = _options.Username.Split('@')[0],
            ["display_name"] = "GtmGuard Integration",
            ["email"] = _options.Username,
            ["active"] = true,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = 0,
            ["urls"] = new Dictionary<string, string>
            {
                ["rest"] = baseUrl + "/services/data/v{version}/",
                ["sobjects"] = baseUrl + "/services/data/v{version}/sobjects/",
                ["query"] = baseUrl + "/services/data/v{version}/query/",
            },
        });
    }

    /// <summary>The token endpoint reads form fields, and Salesforce also takes them from the query string.</summary>
    private static Dictionary<string, string> Params(SimRequest request)
    {
        var fields = new Dictionary<string, string>(request.Form(), StringComparer.Ordinal);
        foreach (var name in new[] { "grant_type", "client_id", "client_secret", "refresh_token", "username", "password", "assertion", "token" })
        {
            if (!fields.ContainsKey(name) && SalesforceQueryString.Get(request, name) is { } value)
            {
                fields[name] = value;
            }
        }

        return fields;
    }

    private static SimResponse Error(string error, string description) =>
        SalesforceResponses.Json(400, new Dictionary<string, string> { ["error"] = error, ["error_description"] = description });
}
