using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Salesforce.Bulk;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceBulkTests : IAsyncLifetime
{
    private const string Jobs = SalesforceTestHost.Data + "/jobs/ingest";
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync(o => o.BulkProcessingDelay = Delay);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateJob_ReturnsOpenJobInfoWith750Id()
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Post, Jobs, """{"object":"Contact","operation":"upsert","externalIdFieldName":"External_Id__c","contentType":"CSV","lineEnding":"LF"}""");
        var info = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("750", info["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Open", info["state"]!.GetValue<string>());
        Assert.Equal("upsert", info["operation"]!.GetValue<string>());
        Assert.Equal("External_Id__c", info["externalIdFieldName"]!.GetValue<string>());
        Assert.Equal("COMMA", info["columnDelimiter"]!.GetValue<string>());
        Assert.Equal($"services/data/v66.0/jobs/ingest/{info["id"]}/batches", info["contentUrl"]!.GetValue<string>());
        Assert.Equal("66.0", info["apiVersion"]!.ToJsonString());
    }

    [Fact]
    public async Task UpsertJob_LifecycleReachesJobCompleteWithResultCsvs()
    {
        await _host.CreateAsync("Contact", new { LastName = "Before", External_Id__c = "b-1" });
        var id = await OpenJobAsync("""{"object":"Contact","operation":"upsert","externalIdFieldName":"External_Id__c"}""");
        await UploadAsync(id, "External_Id__c,LastName,Email\nb-1,Updated,\nb-2,\"Doe, Jane\",jane@example.com\nb-3,,ok@example.com\n");

        using var close = await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{id}", """{"state":"UploadComplete"}""");
        var closed = await StateAsync(id);
        _host.Clock.Advance(Delay);
        var running = await StateAsync(id);
        _host.Clock.Advance(Delay);
        var info = await InfoAsync(id);
        var successful = await CsvAsync(id, "successfulResults");
        var failed = await CsvAsync(id, "failedResults");
        var unprocessed = await CsvAsync(id, "unprocessedrecords");

        Assert.Equal("UploadComplete", (await close.JsonAsync())["state"]!.GetValue<string>());
        Assert.Equal("UploadComplete", closed);
        Assert.Equal("InProgress", running);
        Assert.Equal("JobComplete", info["state"]!.GetValue<string>());
        Assert.Equal("V2Ingest", info["jobType"]!.GetValue<string>());
        Assert.Equal(3, info["numberRecordsProcessed"]!.GetValue<int>());
        Assert.Equal(1, info["numberRecordsFailed"]!.GetValue<int>());
        Assert.Equal(0, info["retries"]!.GetValue<int>());
        Assert.True(info["totalProcessingTime"]!.GetValue<long>() > 0);
        Assert.Equal(["sf__Id", "sf__Created", "External_Id__c", "LastName", "Email"], successful[0]);
        Assert.Equal("false", successful[1][1]);
        Assert.Equal("Updated", successful[1][3]);
        Assert.Equal(["true", "b-2", "Doe, Jane"], successful[2][1..4]);
        Assert.Equal(["sf__Id", "sf__Error", "External_Id__c", "LastName", "Email"], failed[0]);
        Assert.Equal("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --", failed[1][1]);
        Assert.Equal(string.Empty, failed[1][0]);
        Assert.Single(unprocessed);
        Assert.Equal(2, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task InsertJob_WithPipeDelimiterAndCrlf_IsReadCorrectly()
    {
        var id = await OpenJobAsync("""{"object":"Lead","operation":"insert","columnDelimiter":"PIPE","lineEnding":"CRLF"}""");
        await UploadAsync(id, "LastName|Company|NumberOfEmployees\r\nSmith|Acme, Inc|12\r\nJones|Globex|many\r\n");

        await CloseAndProcessAsync(id);
        var successful = await CsvAsync(id, "successfulResults", '|');
        var failed = await CsvAsync(id, "failedResults", '|');

        Assert.Equal("Acme, Inc", successful[1][3]);
        Assert.StartsWith("INVALID_TYPE_ON_FIELD_IN_RECORD:Employees: value not of required type: many", failed[1][1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAndDeleteJobs_ApplyById()
    {
        var keep = await _host.CreateAsync("Contact", new { LastName = "Keep", Title = "Old", Email = "keep@x.co" });
        var drop = await _host.CreateAsync("Contact", new { LastName = "Drop" });
        var update = await OpenJobAsync("""{"object":"Contact","operation":"update"}""");
        await UploadAsync(update, $"Id,Title,Email\n{keep},New,\n");
        await CloseAndProcessAsync(update);
        var delete = await OpenJobAsync("""{"object":"Contact","operation":"delete"}""");
        await UploadAsync(delete, $"Id\n{drop}\n");

        await CloseAndProcessAsync(delete);
        var record = await (await _host.Http.GetAsync($"{SalesforceTestHost.Data}/sobjects/Contact/{keep}")).JsonAsync();

        Assert.Equal("New", record["Title"]!.GetValue<string>());
        Assert.Equal("keep@x.co", record["Email"]!.GetValue<string>());
        Assert.Equal(1, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Job_WithUnknownColumn_FailsWithErrorMessageAndUnprocessedRows()
    {
        var id = await OpenJobAsync("""{"object":"Contact","operation":"insert"}""");
        await UploadAsync(id, "LastName,Foo__c\nA,1\nB,2\n");

        await CloseAndProcessAsync(id);
        var info = await InfoAsync(id);
        var unprocessed = await CsvAsync(id, "unprocessedrecords");

        Assert.Equal("Failed", info["state"]!.GetValue<string>());
        Assert.Equal("InvalidBatch : Field name not found : Foo__c", info["errorMessage"]!.GetValue<string>());
        Assert.Equal(3, unprocessed.Count);
        Assert.Equal(0, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Job_WithLineEndingOtherThanDeclared_Fails()
    {
        var id = await OpenJobAsync("""{"object":"Contact","operation":"insert","lineEnding":"LF"}""");
        await UploadAsync(id, "LastName\r\nA\r\n");

        await CloseAndProcessAsync(id);
        var info = await InfoAsync(id);

        Assert.Equal("Failed", info["state"]!.GetValue<string>());
        Assert.Equal("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF", info["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Abort_BeforeProcessing_LeavesRowsUnprocessed()
    {
        var id = await OpenJobAsync("""{"object":"Contact","operation":"insert"}""");
        await UploadAsync(id, "LastName\nA\nB\n");
        (await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{id}", """{"state":"UploadComplete"}""")).Dispose();

        using var abort = await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{id}", """{"state":"Aborted"}""");
        _host.Clock.Advance(Delay + Delay);
        var unprocessed = await CsvAsync(id, "unprocessedrecords");

        Assert.Equal("Aborted", (await abort.JsonAsync())["state"]!.GetValue<string>());
        Assert.Equal("Aborted", await StateAsync(id));
        Assert.Equal([["LastName"], ["A"], ["B"]], unprocessed);
        Assert.Equal(0, _host.Simulator.StateSummary()["Contact"]);
    }

    [Fact]
    public async Task Close_WhenNotOpen_Returns400InvalidJobState()
    {
        var id = await OpenJobAsync("""{"object":"Contact","operation":"insert"}""");
        await CloseAndProcessAsync(id);

        using var again = await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{id}", """{"state":"UploadComplete"}""");
        using var abort = await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{id}", """{"state":"Aborted"}""");
        using var bogus = await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{await OpenJobAsync("""{"object":"Contact","operation":"insert"}""")}", """{"state":"JobComplete"}""");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("INVALIDJOBSTATE", await again.ErrorCodeAsync());
        Assert.Equal("INVALIDJOBSTATE", await abort.ErrorCodeAsync());
        Assert.Equal("INVALIDJOBSTATE", await bogus.ErrorCodeAsync());
    }

    [Fact]
    public async Task Upload_AfterClose_Returns400InvalidJobState()
    {
        var id = await OpenJobAsync("""{"object":"Contact","operation":"insert"}""");
        (await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{id}", """{"state":"UploadComplete"}""")).Dispose();

        using var response = await _host.SendJsonAsync(HttpMethod.Put, $"{Jobs}/{id}/batches", "LastName\nA\n", "text/csv");

        Assert.Equal("INVALIDJOBSTATE", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Upload_WithJsonContentType_Returns415()
    {
        var id = await OpenJobAsync("""{"object":"Contact","operation":"insert"}""");

        using var response = await _host.SendJsonAsync(HttpMethod.Put, $"{Jobs}/{id}/batches", """{"LastName":"A"}""");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Results_BeforeCompletion_Return400InvalidJobState()
    {
        var id = await OpenJobAsync("""{"object":"Contact","operation":"insert"}""");

        using var response = await _host.Http.GetAsync($"{Jobs}/{id}/successfulResults/");

        Assert.Equal("INVALIDJOBSTATE", await response.ErrorCodeAsync());
    }

    [Theory]
    [InlineData("""{"operation":"insert"}""")]
    [InlineData("""{"object":"Widget__c","operation":"insert"}""")]
    [InlineData("""{"object":"Contact","operation":"merge"}""")]
    [InlineData("""{"object":"Contact","operation":"upsert"}""")]
    [InlineData("""{"object":"Contact","operation":"upsert","externalIdFieldName":"Email"}""")]
    [InlineData("""{"object":"Contact","operation":"insert","columnDelimiter":"SPACE"}""")]
    [InlineData("""{"object":"Contact","operation":"insert","contentType":"JSON"}""")]
    public async Task CreateJob_WithBadDefinition_Returns400InvalidJob(string body)
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Post, Jobs, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALIDJOB", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task ListAndDelete_ShowAndForgetJobs()
    {
        var open = await OpenJobAsync("""{"object":"Contact","operation":"insert"}""");
        var done = await OpenJobAsync("""{"object":"Lead","operation":"insert"}""");
        await CloseAndProcessAsync(done);

        var listed = await (await _host.Http.GetAsync(Jobs)).JsonAsync();
        using var deleteOpen = await _host.Http.DeleteAsync($"{Jobs}/{open}");
        using var deleteDone = await _host.Http.DeleteAsync($"{Jobs}/{done}");
        using var gone = await _host.Http.GetAsync($"{Jobs}/{done}");

        Assert.Equal(2, listed["records"]!.AsArray().Count);
        Assert.True(listed["done"]!.GetValue<bool>());
        Assert.Equal("INVALIDJOBSTATE", await deleteOpen.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, deleteDone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task UnknownJob_Returns404NotFound()
    {
        using var response = await _host.Http.GetAsync($"{Jobs}/750GT0000000999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
    }

    private async Task<string> OpenJobAsync(string definition)
    {
        using var response = await _host.SendJsonAsync(HttpMethod.Post, Jobs, definition);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["id"]!.GetValue<string>();
    }

    private async Task UploadAsync(string id, string csv)
    {
        using var response = await _host.Http.PutAsync($"{Jobs}/{id}/batches", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task CloseAndProcessAsync(string id)
    {
        using var close = await _host.SendJsonAsync(HttpMethod.Patch, $"{Jobs}/{id}", """{"state":"UploadComplete"}""");
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        _host.Clock.Advance(Delay + Delay);
    }

    private async Task<JsonNode> InfoAsync(string id) => await (await _host.Http.GetAsync($"{Jobs}/{id}")).JsonAsync();

    private async Task<string> StateAsync(string id) => (await InfoAsync(id))["state"]!.GetValue<string>();

    private async Task<List<List<string>>> CsvAsync(string id, string resource, char delimiter = ',')
    {
        using var response = await _host.Http.GetAsync($"{Jobs}/{id}/{resource}/");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Csv.Parse(await response.Content.ReadAsStringAsync(), delimiter);
    }
}
