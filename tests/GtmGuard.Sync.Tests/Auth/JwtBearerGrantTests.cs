using System.Security.Cryptography;
using System.Text;
using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Tests.Vendors.Salesforce;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GtmGuard.Sync.Tests.Auth;

public sealed class JwtBearerGrantTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public void Assertion_IsRs256_WithIssSubAudAndExpThreeMinutesAhead()
    {
        var keyFile = Path.GetTempFileName();
        File.WriteAllText(keyFile, SalesforceSyncHost.PrivateKeyPem);
        try
        {
            var grant = new JwtBearerGrant(null!, "consumer-key", "integration@example.com", "https://login.salesforce.com", keyFile, "Sync:Vendors:Salesforce:JwtKeyFile", _clock);

            var token = new JsonWebToken(grant.Assertion());

            Assert.Equal(SecurityAlgorithms.RsaSha256, token.Alg);
            Assert.Equal("consumer-key", token.Issuer);
            Assert.Equal("integration@example.com", token.Subject);
            Assert.Equal(["https://login.salesforce.com"], token.Audiences);
            Assert.Equal(_clock.GetUtcNow().AddMinutes(3).ToUnixTimeSeconds(), token.GetPayloadValue<long>("exp"));
            using var rsa = RSA.Create();
            rsa.ImportFromPem(SalesforceSyncHost.PrivateKeyPem);
            Assert.True(rsa.VerifyData(
                Encoding.ASCII.GetBytes(token.EncodedHeader + "." + token.EncodedPayload),
                Base64UrlEncoder.DecodeBytes(token.EncodedSignature),
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public void KeyProblem_MissingFile_NamesTheSettingAndThePath()
    {
        var problem = JwtBearerGrant.KeyProblem("Sync:Vendors:Salesforce:JwtKeyFile", "/nonexistent/key.pem");

        Assert.StartsWith("Sync:Vendors:Salesforce:JwtKeyFile '/nonexistent/key.pem' cannot be read: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyProblem_PublicKeyOnly_IsRefusedAtStartUp()
    {
        var keyFile = Path.GetTempFileName();
        using (var rsa = RSA.Create(2048))
        {
            File.WriteAllText(keyFile, rsa.ExportSubjectPublicKeyInfoPem());
        }

        try
        {
            Assert.NotNull(JwtBearerGrant.KeyProblem("Sync:Vendors:Salesforce:JwtKeyFile", keyFile));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }
}
