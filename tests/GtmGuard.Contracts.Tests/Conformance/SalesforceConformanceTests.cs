using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Salesforce;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Contracts.Tests.Conformance;

/// <summary>Drives every Salesforce operation GtmGuard uses, at v45.0 and v62.0, and checks the traffic against both snapshots.</summary>
public sealed class SalesforceConformanceTests : IAsyncLifetime
{
    private const string V45 = "/services/data/v45.0";
    private const string V62 = "/services/data/v62.0";

    /// <summary>Salesforce field names are written as they are spelled (LastName), not camel-cased.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions ExactNames = new() { PropertyNamingPolicy = null };

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = ConformanceHarness.NewClock();
    private SalesforceOptions _options = null!;
    private SalesforceSimulator _simulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _options = new SalesforceOptions { Port = 0, BulkProcessingDelay = TimeSpan.FromSeconds(1) };
        _options.NonUniqueExternalIdFields["Contact"] = ["Legacy_Id__c"];
        _simulator = new SalesforceSimulator(_options, ConformanceHarness.Settings(SalesforceKeys.StateDirectory()), _clock, NullLoggerFactory.Instance);
        _simulator.Start();
        var token = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = _options.RefreshToken, ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret }, HttpStatusCode.OK);
        _http = Client(token["access_token"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task EveryOperation_AtBothVersions_MatchesTheSnapshots_WithZeroFindings()
    {
        await DriveOAuthAndMetadataAsync();
        await DriveSObjectsAsync(V45);
        await DriveSObjectsAsync(V62);
        await DriveUpsertAsync(V45, HttpStatusCode.NoContent);
        await DriveUpsertAsync(V62, HttpStatusCode.OK);
        await DriveQueryAndCollectionsAsync();
        await DriveBulkAsync();
        await DriveErrorsAsync();

        var report = await ConformanceHarness.CheckJournalAsync(_simulator.BaseUrl, "salesforce");

        ConformanceHarness.AssertClean(report);
        await ConformanceHarness.AssertCoversAsync(report, "salesforce");
    }

    private async Task DriveOAuthAndMetadataAsync()
    {
        await TokenAsync(new() { ["grant_type"] = "password", ["username"] = _options.Username, ["password"] = _options.Password, ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret }, HttpStatusCode.OK);
        await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "expired", ["client_id"] = _options.ClientId, ["client_secret"] = _options.ClientSecret }, HttpStatusCode.BadRequest);
        await SendAsync(HttpMethod.Get, "/services/data", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, V62 + "/limits", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, V45 + "/limits", null, HttpStatusCode.OK);
    }

    private async Task DriveSObjectsAsync(string data)
    {
        var created = await SendAsync(HttpMethod.Post, data + "/sobjects/Contact", new { LastName = "Lovelace", FirstName = "Ada", Email = "ada@example.com", External_Id__c = "ada-" + data[^4..] }, HttpStatusCode.Created);
        var id = created!["id"]!.GetValue<string>();
        await SendAsync(HttpMethod.Post, data + "/sobjects/Contact", new { FirstName = "NoLastName" }, HttpStatusCode.BadRequest);
        await SendAsync(HttpMethod.Get, $"{data}/sobjects/Contact/{id}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, $"{data}/sobjects/Contact/{id}?fields=LastName,Email", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Patch, $"{data}/sobjects/Contact/{id}", new { Title = "Countess", HasOptedOutOfEmail = true }, HttpStatusCode.NoContent);
        await SendAsync(HttpMethod.Get, $"{data}/sobjects/Contact/003GT0000000ZZZ", null, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Get, $"{data}/sobjects/Contact/not-an-id", null, HttpStatusCode.BadRequest);
        await SendAsync(HttpMethod.Post, data + "/sobjects/Lead", new { LastName = "Hopper", Company = "Navy", Email = "grace@example.com" }, HttpStatusCode.Created);
        await SendAsync(HttpMethod.Post, data + "/sobjects/Account", new { Name = "Analytical Engines Ltd" }, HttpStatusCode.Created);
        await SendAsync(HttpMethod.Delete, $"{data}/sobjects/Contact/{id}", null, HttpStatusCode.NoContent);
    }

    private async Task DriveUpsertAsync(string data, HttpStatusCode updateStatus)
    {
        var key = "lead-" + data[^4..];
        await SendAsync(HttpMethod.Patch, $"{data}/sobjects/Contact/External_Id__c/{key}", new { LastName = "Turing", Email = "alan@example.com" }, HttpStatusCode.Created);
        await SendAsync(HttpMethod.Patch, $"{data}/sobjects/Contact/External_Id__c/{key}", new { Title = "Mathematician" }, updateStatus);
        await SendAsync(HttpMethod.Get, $"{data}/sobjects/Contact/External_Id__c/{key}", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Patch, $"{data}/sobjects/Contact/No_Such_Field__c/{key}", new { Title = "x" }, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Post, data + "/sobjects/Contact", new { LastName = "Twin A", Legacy_Id__c = "twin-" + data[^4..] }, HttpStatusCode.Created);
        await SendAsync(HttpMethod.Post, data + "/sobjects/Contact", new { LastName = "Twin B", Legacy_Id__c = "twin-" + data[^4..] }, HttpStatusCode.Created);
        await SendAsync(HttpMethod.Patch, $"{data}/sobjects/Contact/Legacy_Id__c/twin-{data[^4..]}", new { Title = "x" }, HttpStatusCode.MultipleChoices);
        await SendAsync(HttpMethod.Delete, $"{data}/sobjects/Contact/External_Id__c/{key}", null, HttpStatusCode.NoContent);
    }

    private async Task DriveQueryAndCollectionsAsync()
    {
        var ids = new List<string>();
        for (var batch = 0; batch < 2; batch++)
        {
            var records = Enumerable.Range(0, 150).Select(i => new Dictionary<string, object>
            {
                ["attributes"] = new { type = "Contact" },
                ["LastName"] = $"Bulk {batch}-{i}",
                ["Email"] = $"c{batch}-{i}@example.com",
            });
            var results = await SendArrayAsync(HttpMethod.Post, V62 + "/composite/sobjects", new { allOrNone = false, records }, HttpStatusCode.OK);
            ids.AddRange(results.Select(r => r!["id"]!.GetValue<string>()));
        }

        await SendArrayAsync(HttpMethod.Post, V62 + "/composite/sobjects", new { records = new object[] { new { attributes = new { type = "Contact" }, FirstName = "No last name" } } }, HttpStatusCode.OK);
        await SendArrayAsync(HttpMethod.Patch, V62 + "/composite/sobjects", new { records = ids.Take(3).Select(id => new { attributes = new { type = "Contact" }, id, Title = "Updated" }) }, HttpStatusCode.OK);
        await SendArrayAsync(HttpMethod.Post, V62 + "/composite/sobjects/Contact", new { ids = ids.Take(2).Append("003GT0000000ZZZ"), fields = new[] { "LastName", "Email" } }, HttpStatusCode.OK);
        await SendArrayAsync(HttpMethod.Patch, V62 + "/composite/sobjects/Contact/External_Id__c", new
        {
            allOrNone = false,
            records = new object[]
            {
                new Dictionary<string, object> { ["attributes"] = new { type = "Contact" }, ["External_Id__c"] = "coll-1", ["LastName"] = "One" },
                new Dictionary<string, object> { ["attributes"] = new { type = "Contact" }, ["External_Id__c"] = "coll-1", ["LastName"] = "One again" },
            },
        }, HttpStatusCode.OK);

        using var query = new HttpRequestMessage(HttpMethod.Get, V62 + "/query?q=SELECT+Id,LastName,Email,CreatedDate+FROM+Contact+WHERE+Email+LIKE+'c%25'");
        query.Headers.Add("Sforce-Query-Options", "batchSize=200");
        using var first = await _http.SendAsync(query);
        var page = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.False(page["done"]!.GetValue<bool>());
        await SendAsync(HttpMethod.Get, page["nextRecordsUrl"]!.GetValue<string>(), null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, V45 + "/query?q=SELECT+COUNT()+FROM+Contact", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Get, V45 + "/query?q=SELECT+FROM", null, HttpStatusCode.BadRequest);
        await SendArrayAsync(HttpMethod.Delete, V62 + "/composite/sobjects?ids=" + string.Join(',', ids.Take(3)) + "&allOrNone=false", null, HttpStatusCode.OK);
    }

    private async Task DriveBulkAsync()
    {
        var job = await SendAsync(HttpMethod.Post, V62 + "/jobs/ingest", new { @object = "Contact", operation = "upsert", externalIdFieldName = "External_Id__c", contentType = "CSV", lineEnding = "LF" }, HttpStatusCode.OK);
        var id = job!["id"]!.GetValue<string>();
        using (var upload = new HttpRequestMessage(HttpMethod.Put, $"{V62}/jobs/ingest/{id}/batches") { Content = new StringContent("External_Id__c,LastName,Email\nbulk-1,Babbage,charles@example.com\nbulk-2,,nolastname@example.com\n", Encoding.UTF8) })
        {
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var uploaded = await _http.SendAsync(upload);
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        }

        await SendAsync(HttpMethod.Patch, $"{V62}/jobs/ingest/{id}", new { state = "UploadComplete" }, HttpStatusCode.OK);
        await ConformanceHarness.AdvanceUntilAsync(_clock, () => JobState(id) is "JobComplete" or "Failed", TimeSpan.FromMilliseconds(500));
        await SendTextAsync($"{V62}/jobs/ingest/{id}/successfulResults/");
        await SendTextAsync($"{V62}/jobs/ingest/{id}/failedResults/");
        await SendTextAsync($"{V62}/jobs/ingest/{id}/unprocessedrecords/");
        await SendAsync(HttpMethod.Get, $"{V62}/jobs/ingest/750GT000000000ZZZZ", null, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Delete, $"{V62}/jobs/ingest/{id}", null, HttpStatusCode.NoContent);
    }

    private async Task DriveErrorsAsync()
    {
        using (var stale = Client("00DGT!expired-session"))
        using (var unauthorized = await stale.GetAsync(V62 + "/limits"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }

        await ChaosAsync("sobjects.read", "rateLimit");
        await SendAsync(HttpMethod.Get, $"{V62}/sobjects/Contact/003GT0000000ZZZ", null, HttpStatusCode.Forbidden);
        await ChaosAsync("query", "serverError");
        await SendAsync(HttpMethod.Get, V62 + "/query?q=SELECT+Id+FROM+Contact", null, HttpStatusCode.InternalServerError);
        using var clear = await _http.DeleteAsync("/__gtmguard/chaos");
    }

    private string JobState(string id)
    {
        using var response = _http.GetAsync($"{V62}/jobs/ingest/{id}").GetAwaiter().GetResult();
        return JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!["state"]!.GetValue<string>();
    }

    private async Task ChaosAsync(string operation, string fault)
    {
        using var response = await _http.PutAsJsonAsync("/__gtmguard/chaos", new { seed = 1, rules = new[] { new { operation, fault, probability = 1.0 } } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task SendTextAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected) =>
        await SendNodeAsync(method, path, body, expected) as JsonObject;

    private async Task<JsonArray> SendArrayAsync(HttpMethod method, string path, object? body, HttpStatusCode expected) =>
        (JsonArray)(await SendNodeAsync(method, path, body, expected))!;

    private async Task<JsonNode?> SendNodeAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ExactNames);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length > 0 ? JsonNode.Parse(text) : null;
    }

    private async Task<JsonObject> TokenAsync(Dictionary<string, string> form, HttpStatusCode expected)
    {
        using var anonymous = Client();
        using var response = await anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(form));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(_simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }
}
