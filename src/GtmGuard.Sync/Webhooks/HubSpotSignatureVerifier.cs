using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// HubSpot request signatures. v3: base64 HMAC-SHA256 keyed by the client secret over method + URI + raw body + the
/// timestamp header, refused outside the timestamp window. v1 (opt-in): hex SHA-256 of client secret + raw body.
/// </summary>
internal sealed class HubSpotSignatureVerifier
{
    public const string SignatureV3Header = "X-HubSpot-Signature-v3";
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";
    public const string SignatureV1Header = "X-HubSpot-Signature";
    public const string SignatureVersionHeader = "X-HubSpot-Signature-Version";

    // HubSpot decodes exactly these escapes in the URI before signing; everything else stays encoded.
    private static readonly (string Escape, string Character)[] SignedUriDecodes =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"), ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    private readonly byte[] _secret;
    private readonly HubSpotIntakeOptions _options;
    private readonly string? _publicBaseUrl;

    public HubSpotSignatureVerifier(string clientSecret, HubSpotIntakeOptions options, string? publicBaseUrl)
    {
        _secret = Encoding.UTF8.GetBytes(clientSecret);
        _options = options;
        _publicBaseUrl = string.IsNullOrWhiteSpace(publicBaseUrl) ? null : publicBaseUrl.TrimEnd('/');
    }

    public string? Verify(HttpRequest request, byte[] body, DateTimeOffset now)
    {
        var v3 = request.Headers[SignatureV3Header].ToString();
        if (v3.Length == 0)
        {
            return _options.AcceptV1Signatures ? VerifyV1(request, body) : $"missing {SignatureV3Header}";
        }

        var timestamp = request.Headers[TimestampHeader].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return $"missing or unreadable {TimestampHeader}";
        }

        // Compared in whole milliseconds: a timestamp far out of range must be refused, not overflow a TimeSpan.
        if (Math.Abs((decimal)now.ToUnixTimeMilliseconds() - milliseconds) > (decimal)_options.MaxTimestampAge.TotalMilliseconds)
        {
            return $"{TimestampHeader} is outside the {_options.MaxTimestampAge.TotalMinutes:0.#}-minute window";
        }

        var prefix = Encoding.UTF8.GetBytes(request.Method.ToUpperInvariant() + DecodeSignedUri(SignedUri(request)));
        var suffix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length + suffix.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        suffix.CopyTo(message, prefix.Length + body.Length);
        var expected = HMACSHA256.HashData(_secret, message);
        return Matches(expected, v3, Convert.FromBase64String) ? null : "signature does not match";
    }

    /// <summary>The URL HubSpot called: the configured public base (behind a proxy) or this request's own, plus path and query.</summary>
    internal string SignedUri(HttpRequest request) =>
        _publicBaseUrl is null
            ? request.GetEncodedUrl()
            : _publicBaseUrl + (request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent();

    internal static string DecodeSignedUri(string uri)
    {
        foreach (var (escape, character) in SignedUriDecodes)
        {
            uri = uri.Replace(escape, character, StringComparison.OrdinalIgnoreCase);
        }

        return uri;
    }

    private string? VerifyV1(HttpRequest request, byte[] body)
    {
        var v1 = request.Headers[SignatureV1Header].ToString();
        if (v1.Length == 0)
        {
            return $"missing {SignatureV3Header} and {SignatureV1Header}";
        }

        var version = request.Headers[SignatureVersionHeader].ToString();
        if (version.Length > 0 && !version.Equals("v1", StringComparison.OrdinalIgnoreCase))
        {
            return $"{SignatureVersionHeader} '{version}' is not supported without {SignatureV3Header}";
        }

        var message = new byte[_secret.Length + body.Length];
        _secret.CopyTo(message, 0);
        body.CopyTo(message, _secret.Length);
        return Matches(SHA256.HashData(message), v1, Convert.FromHexString) ? null : "signature does not match";
    }

    /// <summary>Decodes the sender's signature and compares it in constant time; undecodable counts as a mismatch.</summary>
    internal static bool Matches(byte[] expected, string provided, Func<string, byte[]> decode)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, decode(provided.Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
