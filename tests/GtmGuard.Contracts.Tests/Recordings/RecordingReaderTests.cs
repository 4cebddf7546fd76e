using System.Text.Json.Nodes;
using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Recordings;

namespace GtmGuard.Contracts.Tests.Recordings;

public sealed class RecordingReaderTests
{
    private static string Folder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gtmguard-contracts-tests", "rec-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void CaptureFolder_ReadsApiAndWebhookCaptures_AndReportsBadFilesAsFindings()
    {
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, "a.json"), """{"vendor":"hubspot","method":"get","url":"http://127.0.0.1:5102/crm/v3/objects/contacts/1?x=1","status":200,"responseBody":{"id":"1"},"headers":{"X-HubSpot-RateLimit-Max":"100"}}""");
        File.WriteAllText(Path.Combine(folder, "b.json"), """[{"vendor":"outreach","webhook":"prospect.created","body":{"data":{}}},{"vendor":"clay","method":"GET","url":"/public/v0/me","status":"200","responseText":"not json"}]""");
        File.WriteAllText(Path.Combine(folder, "c.json"), "{ broken");
        File.WriteAllText(Path.Combine(folder, "d.json"), """{"vendor":"hubspot","url":"/x"}""");

        var recording = CaptureFolderReader.Read(folder);

        Assert.Equal(3, recording.Exchanges.Count);
        var api = recording.Exchanges[0];
        Assert.Equal(("GET", "/crm/v3/objects/contacts/1", 200, "{\"id\":\"1\"}"), (api.Method, api.Path, api.Status, api.ResponseBody));
        Assert.Equal("100", api.Headers["x-hubspot-ratelimit-max"]);
        Assert.True(recording.Exchanges[1].IsWebhook);
        Assert.Equal("prospect.created", recording.Exchanges[1].WebhookName);
        Assert.Equal("not json", recording.Exchanges[2].ResponseBody);
        Assert.Equal(2, recording.Problems.Count);
        Assert.All(recording.Problems, p => Assert.Equal(FindingKind.UnreadableCapture, p.Kind));
        Assert.Contains(recording.Problems, p => p.Message.StartsWith("c.json", StringComparison.Ordinal));
        Assert.Contains(recording.Problems, p => p.Message.Contains("needs \"method\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Har_ReadsEntries_DecodingBase64Bodies_AndSpotsSignedWebhooks()
    {
        var file = Path.Combine(Folder(), "session.har");
        var har = new JsonObject
        {
            ["log"] = new JsonObject
            {
                ["entries"] = new JsonArray(
                    Entry("GET", "https://api.hubapi.com/crm/v3/objects/contacts/1", 200, Convert.ToBase64String("{\"id\":\"1\"}"u8.ToArray()), "base64", []),
                    Entry("POST", "https://hooks.example.com/hubspot", 200, "", null, [("X-HubSpot-Signature-v3", "sig")], "[{\"eventId\":1}]")),
            },
        };
        File.WriteAllText(file, har.ToJsonString());

        var recording = HarReader.Read(file);

        Assert.Equal("{\"id\":\"1\"}", recording.Exchanges[0].ResponseBody);
        Assert.False(recording.Exchanges[0].IsWebhook);
        Assert.True(recording.Exchanges[1].IsWebhook);
        Assert.Equal(("hubspot", "[{\"eventId\":1}]"), (recording.Exchanges[1].Vendor, recording.Exchanges[1].RequestBody));
    }

    [Fact]
    public void Har_EntryWhoseBodyWasNotKept_IsMarkedSoItIsNotCalledMissing()
    {
        var file = Path.Combine(Folder(), "nobody.har");
        File.WriteAllText(file, """{"log":{"entries":[{"request":{"method":"GET","url":"https://api.hubapi.com/crm/v3/objects/contacts/1","headers":[]},"response":{"status":200,"headers":[],"content":{"size":512,"mimeType":"application/json"}}}]}}""");

        var exchange = Assert.Single(HarReader.Read(file).Exchanges);

        Assert.True(exchange.ResponseBodyOmitted);
        Assert.Null(exchange.ResponseBody);
    }

    [Fact]
    public void EmptyHar_IsAClearError()
    {
        var file = Path.Combine(Folder(), "empty.har");
        File.WriteAllText(file, """{"log":{"version":"1.2","entries":[]}}""");

        var error = Assert.Throws<RecordingException>(() => HarReader.Read(file));

        Assert.Contains("no entries", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty.har", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAHar_IsAClearError()
    {
        var file = Path.Combine(Folder(), "x.har");
        File.WriteAllText(file, "[1,2,3]");

        Assert.Contains("not a HAR file", Assert.Throws<RecordingException>(() => HarReader.Read(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WireMockJournal_SkipsControlTraffic_AndReadsByteBodies()
    {
        var journal = """
        {"Requests":[
          {"Request":{"Method":"GET","Path":"/__gtmguard/state","Url":"http://h/__gtmguard/state","Headers":{}},"Response":{"StatusCode":200}},
          {"Request":{"Method":"POST","Path":"/crm/v3/objects/contacts","AbsoluteUrl":"http://h/crm/v3/objects/contacts","Headers":{"Content-Type":["application/json"]},"Body":"{\"properties\":{}}"},
           "Response":{"StatusCode":"201","Headers":{"Content-Type":"application/json"},"BodyAsBytes":"eyJpZCI6IjEifQ=="}}
        ]}
        """;

        var recording = WireMockJournalReader.Parse(journal, "journal.json");

        var exchange = Assert.Single(recording.Exchanges);
        Assert.Equal((201, "{\"id\":\"1\"}", "{\"properties\":{}}"), (exchange.Status, exchange.ResponseBody, exchange.RequestBody));
    }

    [Fact]
    public void WireMockJournal_ThatIsNotOne_IsAClearError()
    {
        Assert.Contains("not a WireMock request journal", Assert.Throws<RecordingException>(() => WireMockJournalReader.Parse("{\"mappings\":1}", "x.json")).Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", Assert.Throws<RecordingException>(() => WireMockJournalReader.Parse("{", "x.json")).Message, StringComparison.Ordinal);
    }

    private static JsonObject Entry(string method, string url, int status, string text, string? encoding, (string Name, string Value)[] requestHeaders, string? postData = null)
    {
        var content = new JsonObject { ["mimeType"] = "application/json", ["text"] = text };
        if (encoding is not null)
        {
            content["encoding"] = encoding;
        }

        var request = new JsonObject
        {
            ["method"] = method,
            ["url"] = url,
            ["headers"] = new JsonArray(requestHeaders.Select(h => (JsonNode)new JsonObject { ["name"] = h.Name, ["value"] = h.Value }).ToArray()),
        };
        if (postData is not null)
        {
            request["postData"] = new JsonObject { ["mimeType"] = "application/json", ["text"] = postData };
        }

        return new JsonObject { ["request"] = request, ["response"] = new JsonObject { ["status"] = status, ["headers"] = new JsonArray(), ["content"] = content } };
    }
}
