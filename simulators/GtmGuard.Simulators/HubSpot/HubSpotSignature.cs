using System.Security.Cryptography;
using System.Text;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>HubSpot's webhook request signatures (v1 and v3), as HubSpot's own SDKs compute them.</summary>
public static class HubSpotSignature
{
    /// <summary>v1: lowercase hex of SHA-256 over client secret + raw body (<c>X-HubSpot-Signature</c>).</summary>
    public static string V1(string clientSecret, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret + body)));

    /// <summary>v3: base64 of HMAC-SHA256 keyed by the client secret over method + URI + raw body + timestamp (<c>X-HubSpot-Signature-v3</c>).</summary>
    public static string V3(string clientSecret, string method, string uri, string body, long timestampMilliseconds) =>
        Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(clientSecret),
            Encoding.UTF8.GetBytes(method + DecodeUri(uri) + body + timestampMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>HubSpot decodes only these escapes in the URI before signing.</summary>
    internal static string DecodeUri(string uri)
    {
        (string Escape, string Character)[] decodes =
        [
            ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"), ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
        ];
        var decoded = uri;
        foreach (var (escape, character) in decodes)
        {
            decoded = decoded.Replace(escape, character, StringComparison.OrdinalIgnoreCase);
        }

        return decoded;
    }
}
