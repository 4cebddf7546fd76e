using GtmGuard.Simulators.HubSpot;

namespace GtmGuard.Simulators.Tests.HubSpot;

/// <summary>Known-answer vectors from HubSpot's documentation and its official Python and Ruby SDK tests.</summary>
public sealed class HubSpotSignatureTests
{
    private const string Secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

    [Fact]
    public void V1_MatchesTheDocumentedVector()
    {
        const string body = """[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]""";

        Assert.Equal("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de", HubSpotSignature.V1(Secret, body));
    }

    [Theory]
    [InlineData(1693657560000, "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=")]
    [InlineData(1700000300000, "RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw=")]
    public void V3_MatchesTheOfficialSdkVectors(long timestamp, string expected) =>
        Assert.Equal(expected, HubSpotSignature.V3(Secret, "POST", "https://www.example.com/webhook_uri", "{'example_field':'example_value'}", timestamp));

    [Fact]
    public void V3_DecodesOnlyTheDocumentedEscapesBeforeSigning()
    {
        var encoded = HubSpotSignature.V3(Secret, "POST", "https://www.example.com/webhook_uri%3Fa%3D1%20b", "{}", 1);
        var decoded = HubSpotSignature.V3(Secret, "POST", "https://www.example.com/webhook_uri?a%3D1%20b", "{}", 1);

        Assert.Equal(decoded, encoded);
        Assert.NotEqual(decoded, HubSpotSignature.V3(Secret, "POST", "https://www.example.com/webhook_uri?a%3D1 b", "{}", 1));
    }
}
