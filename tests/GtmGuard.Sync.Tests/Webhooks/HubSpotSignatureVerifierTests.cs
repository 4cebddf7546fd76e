using System.Text;
using GtmGuard.Sync.Webhooks;
using Microsoft.AspNetCore.Http;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>The intake's own HubSpot verification against HubSpot's published vectors, independent of the simulator's signer.</summary>
public sealed class HubSpotSignatureVerifierTests
{
    private const string Secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

    private static HttpRequest Request(Dictionary<string, string> headers, string path = "/webhook_uri", string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("www.example.com");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    [Theory]
    [InlineData(1693657560000, "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=")]
    [InlineData(1700000300000, "RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw=")]
    public void V3_AcceptsTheOfficialSdkVectors(long timestamp, string signature)
    {
        var verifier = new HubSpotSignatureVerifier(Secret, new HubSpotIntakeOptions(), publicBaseUrl: null);
        var request = Request(new() { ["X-HubSpot-Signature-v3"] = signature, ["X-HubSpot-Request-Timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var failure = verifier.Verify(request, Encoding.UTF8.GetBytes("{'example_field':'example_value'}"), DateTimeOffset.FromUnixTimeMilliseconds(timestamp + 1000));

        Assert.Null(failure);
    }

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("9223372036854775807")]
    public void V3_ATimestampFarOutOfRange_IsRefused_NotAnOverflow(string timestamp)
    {
        var verifier = new HubSpotSignatureVerifier(Secret, new HubSpotIntakeOptions(), publicBaseUrl: null);
        var request = Request(new() { ["X-HubSpot-Signature-v3"] = "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=", ["X-HubSpot-Request-Timestamp"] = timestamp });

        var failure = verifier.Verify(request, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.FromUnixTimeMilliseconds(1693657560000));

        Assert.Contains("outside the 5-minute window", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void V1_AcceptsTheDocumentedVector_WhenEnabled()
    {
        const string body = """[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]""";
        var verifier = new HubSpotSignatureVerifier(Secret, new HubSpotIntakeOptions { AcceptV1Signatures = true }, publicBaseUrl: null);
        var request = Request(new() { ["X-HubSpot-Signature"] = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de", ["X-HubSpot-Signature-Version"] = "v1" });

        var failure = verifier.Verify(request, Encoding.UTF8.GetBytes(body), DateTimeOffset.FromUnixTimeMilliseconds(1564113600000));

        Assert.Null(failure);
    }

    [Fact]
    public void OnlyTheDocumentedEscapesAreDecoded()
    {
        var decoded = HubSpotSignatureVerifier.DecodeSignedUri("https://x.test/a%3Ab%2Fc%3Fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3Bm%3Dn%20o%2fp");

        Assert.Equal("https://x.test/a:b/c?d@e!f$g'h(i)j*k,l;m%3Dn%20o/p", decoded);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    [InlineData("AAAA")]
    public void AGarbledSignature_IsAMismatchNotACrash(string signature)
    {
        var verifier = new HubSpotSignatureVerifier(Secret, new HubSpotIntakeOptions(), publicBaseUrl: null);
        var request = Request(new() { ["X-HubSpot-Signature-v3"] = signature, ["X-HubSpot-Request-Timestamp"] = "1700000300000" });

        var failure = verifier.Verify(request, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.FromUnixTimeMilliseconds(1700000300000));

        Assert.NotNull(failure);
    }
}
