using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GtmGuard.Sync.Auth;

/// <summary>
/// Salesforce's JWT bearer grant (vendor-facts §1.7): an RS256 assertion with <c>iss</c> = consumer key,
/// <c>sub</c> = username, <c>aud</c> = login host and <c>exp</c> three minutes ahead on the injected clock,
/// signed with the private key read from the configured file. Salesforce returns no refresh token; every
/// refresh signs a new assertion.
/// </summary>
internal sealed class JwtBearerGrant : ITokenGrant
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(3);

    private readonly OAuthTokenEndpoint _endpoint;
    private readonly string _clientId;
    private readonly string _username;
    private readonly string _audience;
    private readonly string _keyFile;
    private readonly string _setting;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public JwtBearerGrant(OAuthTokenEndpoint endpoint, string clientId, string username, string audience, string keyFile, string setting, TimeProvider clock)
    {
        _endpoint = endpoint;
        _clientId = clientId;
        _username = username;
        _audience = audience;
        _keyFile = keyFile;
        _setting = setting;
        _clock = clock;
    }

    /// <summary>Null when the file holds a usable RSA private key; otherwise what is wrong, naming the setting.</summary>
    public static string? KeyProblem(string setting, string? keyFile)
    {
        if (string.IsNullOrWhiteSpace(keyFile))
        {
            return $"{setting} is required when Auth is JwtBearer.";
        }

        try
        {
            using var rsa = LoadKey(keyFile);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or NotSupportedException)
        {
            return $"{setting} '{keyFile}' cannot be read: {ex.Message}";
        }
    }

    public async Task<AccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = GrantType,
            ["assertion"] = Assertion(),
        };
        var (token, _) = await _endpoint.RequestAsync(form, cancellationToken).ConfigureAwait(false);
        return token;
    }

    internal string Assertion()
    {
        RSA rsa;
        try
        {
            rsa = LoadKey(_keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new TokenRequestException(Resilience.VendorOutcome.Unauthorized, $"{_setting} '{_keyFile}' cannot be read: {ex.Message}", ex);
        }

        using (rsa)
        {
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = _clientId,
                Audience = _audience,
                Expires = (_clock.GetUtcNow() + AssertionLifetime).UtcDateTime,
                Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = _username },
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256)
                {
                    // A fresh RSA per assertion: keep the library from caching a provider for a disposed key.
                    CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
                },
            };
            return _handler.CreateToken(descriptor);
        }
    }

    private static RSA LoadKey(string keyFile)
    {
        var pem = File.ReadAllText(keyFile);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            // A public key imports fine but cannot sign: refuse it at start-up rather than at the first call.
            rsa.ExportParameters(includePrivateParameters: true);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
