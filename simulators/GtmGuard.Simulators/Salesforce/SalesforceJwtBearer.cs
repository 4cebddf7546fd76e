using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Checks a JWT bearer assertion as Salesforce does (vendor-facts §1.7): RS256 signed by the connected
/// app's certificate, <c>iss</c> = consumer key, <c>sub</c> = a user, <c>aud</c> = a login host, <c>exp</c>
/// in the future. Expiry is checked on the injected clock, not the library's.
/// </summary>
internal sealed class SalesforceJwtBearer
{
    private readonly SalesforceOptions _options;
    private readonly RSA _publicKey;
    private readonly TimeProvider _clock;

    public SalesforceJwtBearer(SalesforceOptions options, RSA publicKey, TimeProvider clock)
    {
        _options = options;
        _publicKey = publicKey;
        _clock = clock;
    }

    /// <summary>Null when the assertion is good; otherwise the OAuth error and description to send.</summary>
    public (string Error, string Description)? Check(string? assertion)
    {
        try
        {
            return CheckClaims(assertion);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            // Claims of the wrong JSON type (an "exp" that is not a number…) make the assertion invalid, not the server fail.
            return ("invalid_grant", "invalid assertion");
        }
    }

    private (string Error, string Description)? CheckClaims(string? assertion)
    {
        if (string.IsNullOrEmpty(assertion) || !TryRead(assertion, out var token) || token.Alg != SecurityAlgorithms.RsaSha256 || !SignatureHolds(token))
        {
            return ("invalid_grant", "invalid assertion");
        }

        if (!string.Equals(token.Issuer, _options.ClientId, StringComparison.Ordinal))
        {
            return ("invalid_client_id", "client identifier invalid");
        }

        if (!token.Audiences.Any(a => _options.JwtAudiences.Any(allowed => string.Equals(allowed.TrimEnd('/'), a.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))))
        {
            return ("invalid_grant", "audience is invalid");
        }

        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp) <= _clock.GetUtcNow())
        {
            return ("invalid_grant", "expired authorization code");
        }

        return string.Equals(token.Subject, _options.Username, StringComparison.OrdinalIgnoreCase)
            ? null
            : ("invalid_grant", "user hasn't approved this consumer");
    }

    private static bool TryRead(string assertion, out JsonWebToken token)
    {
        try
        {
            token = new JsonWebToken(assertion);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            token = null!;
            return false;
        }
    }

    private bool SignatureHolds(JsonWebToken token)
    {
        try
        {
            var signed = Encoding.ASCII.GetBytes(token.EncodedHeader + "." + token.EncodedPayload);
            var signature = Base64UrlEncoder.DecodeBytes(token.EncodedSignature);
            return _publicKey.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
