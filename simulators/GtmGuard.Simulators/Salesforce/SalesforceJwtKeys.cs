using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// The RSA public key JWT bearer assertions are verified with: the configured PEM text or file (a public
/// key or an X.509 certificate, as a connected app takes), or else a key pair the simulator writes to
/// <c>{StateDirectory}/salesforce-jwt/</c> so a client can sign with <c>private.pem</c>.
/// </summary>
internal sealed class SalesforceJwtKeys : IDisposable
{
    private SalesforceJwtKeys(RSA publicKey, string? publicKeyPath, string? privateKeyPath)
    {
        PublicKey = publicKey;
        PublicKeyPath = publicKeyPath;
        PrivateKeyPath = privateKeyPath;
    }

    public RSA PublicKey { get; }

    public string? PublicKeyPath { get; }

    /// <summary>Set only when the simulator generated the pair.</summary>
    public string? PrivateKeyPath { get; }

    public static SalesforceJwtKeys Load(SalesforceOptions options, string stateDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.JwtPublicKeyPem))
        {
            return new SalesforceJwtKeys(FromPem(options.JwtPublicKeyPem), null, null);
        }

        if (!string.IsNullOrWhiteSpace(options.JwtPublicKeyPath))
        {
            return new SalesforceJwtKeys(FromPem(File.ReadAllText(options.JwtPublicKeyPath)), Path.GetFullPath(options.JwtPublicKeyPath), null);
        }

        return Generated(Path.GetFullPath(Path.Combine(stateDirectory, "salesforce-jwt")));
    }

    public void Dispose() => PublicKey.Dispose();

    /// <summary>Reuses a pair from an earlier run, so clients holding its private key keep working.</summary>
    private static SalesforceJwtKeys Generated(string folder)
    {
        var publicPath = Path.Combine(folder, "public.pem");
        var privatePath = Path.Combine(folder, "private.pem");
        if (File.Exists(publicPath) && File.Exists(privatePath))
        {
            return new SalesforceJwtKeys(FromPem(File.ReadAllText(publicPath)), publicPath, privatePath);
        }

        Directory.CreateDirectory(folder);
        using var pair = RSA.Create(2048);
        File.WriteAllText(privatePath, pair.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(publicPath, pair.ExportSubjectPublicKeyInfoPem());
        return new SalesforceJwtKeys(FromPem(File.ReadAllText(publicPath)), publicPath, privatePath);
    }

    private static RSA FromPem(string pem)
    {
        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetRSAPublicKey() ?? throw new ArgumentException("The JWT certificate does not hold an RSA key.");
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }
}
