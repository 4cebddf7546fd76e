using System.Net;
using System.Net.Http.Json;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotBatchTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task BatchCreate_Returns201WithCompleteStatusAndResultsInOrder()
    {
        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/create", Inputs(
            new { properties = new { email = "one@example.com" } },
            new { properties = new { email = "two@example.com" } }));

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("COMPLETE", Text(body, "status"));
        Assert.Equal(["one@example.com", "two@example.com"], body["results"]!.AsArray().Select(r => Text(r!["properties"], "email")));
        Assert.NotNull(Text(body, "startedAt"));
        Assert.NotNull(Text(body, "completedAt"));
        Assert.Null(body["numErrors"]);
    }

    [Fact]
    public async Task BatchCreate_With100Inputs_IsAccepted()
    {
        var inputs = Enumerable.Range(0, 100).Select(i => (object)new { properties = new { email = $"c{i}@example.com" } }).ToArray();

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/create", Inputs(inputs));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(100, Host.Simulator.Contacts.Count);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("read")]
    [InlineData("update")]
    [InlineData("upsert")]
    [InlineData("archive")]
    public async Task Batch_With101Inputs_Returns400ValidationError(string operation)
    {
        var inputs = Enumerable.Range(0, 101)
            .Select(i => (object)new { id = $"u{i}@example.com", idProperty = "email", properties = new { email = $"u{i}@example.com" } })
            .ToArray();

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/{operation}", Inputs(inputs));

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("101", Text(body, "message"));
        Assert.Equal(0, Host.Simulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchCreate_WithAnExistingEmail_Returns409AndCreatesNothing()
    {
        var existing = await Host.CreateContactAsync(new { email = "taken@example.com" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/create", Inputs(
            new { properties = new { email = "fresh@example.com" } },
            new { properties = new { email = "taken@example.com" } }));

        var body = await ErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal($"Contact already exists. Existing ID: {existing["id"]}", Text(body, "message"));
        Assert.Equal(1, Host.Simulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchCreate_WithAnUnknownProperty_Returns400AndCreatesNothing()
    {
        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/create", Inputs(
            new { properties = new { email = "ok@example.com" } },
            new { properties = new { email = "bad@example.com", shoe_size = "44" } }));

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("shoe_size", Text(body, "message"));
        Assert.Equal(0, Host.Simulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchCreate_WithUniqueTraceIds_Returns207ForPartialFailures()
    {
        await Host.CreateContactAsync(new { email = "taken@example.com" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/create", Inputs(
            new { objectWriteTraceId = "t1", properties = new { email = "new@example.com" } },
            new { objectWriteTraceId = "t2", properties = new { email = "x@example.com", missing = "1" } },
            new { objectWriteTraceId = "t3", properties = new { email = "taken@example.com" } }));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Equal("COMPLETE", Text(body, "status"));
        Assert.Equal(2, body["numErrors"]!.GetValue<int>());
        Assert.Single(body["results"]!.AsArray());
        var errors = body["errors"]!.AsArray();
        Assert.Equal("VALIDATION_ERROR", Text(errors[0], "category"));
        Assert.Equal("t2", errors[0]!["context"]!["objectWriteTraceId"]![0]!.GetValue<string>());
        Assert.Equal("CONFLICT", Text(errors[1], "category"));
        Assert.Equal("t3", errors[1]!["context"]!["objectWriteTraceId"]![0]!.GetValue<string>());
        Assert.Equal(2, Host.Simulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchRead_ById_ReturnsRequestedProperties()
    {
        var a = await Host.CreateContactAsync(new { email = "a@example.com", jobtitle = "CEO" });
        var b = await Host.CreateContactAsync(new { email = "b@example.com", jobtitle = "CTO" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/read", new
        {
            inputs = new[] { new { id = a["id"]!.GetValue<string>() }, new { id = b["id"]!.GetValue<string>() } },
            properties = new[] { "jobtitle" },
            propertiesWithHistory = Array.Empty<string>(),
        });

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["CEO", "CTO"], body["results"]!.AsArray().Select(r => Text(r!["properties"], "jobtitle")));
    }

    [Fact]
    public async Task BatchRead_ByEmail_UsesIdProperty()
    {
        await Host.CreateContactAsync(new { email = "mail@example.com", firstname = "Mail" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/read", new
        {
            idProperty = "email",
            inputs = new[] { new { id = "MAIL@example.com" } },
            properties = new[] { "firstname" },
        });

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Mail", Text(body["results"]![0]!["properties"], "firstname"));
    }

    [Fact]
    public async Task BatchRead_WithUnknownIds_Returns207WithNumErrorsAndTheMissingIds()
    {
        var known = await Host.CreateContactAsync(new { email = "known@example.com" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/read", new
        {
            inputs = new[] { new { id = known["id"]!.GetValue<string>() }, new { id = "111" }, new { id = "222" } },
            properties = new[] { "email" },
        });

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Single(body["results"]!.AsArray());
        Assert.Equal(1, body["numErrors"]!.GetValue<int>());
        var error = body["errors"]![0]!;
        Assert.Equal("OBJECT_NOT_FOUND", Text(error, "category"));
        Assert.Equal(["111", "222"], error["context"]!["ids"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact]
    public async Task BatchArchive_Returns204ForKnownAndUnknownIds()
    {
        var a = await Host.CreateContactAsync(new { email = "bye@example.com" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/archive", Inputs(new { id = a["id"]!.GetValue<string>() }, new { id = "55555" }));
        var read = await Http.GetAsync($"{Contacts}/{a["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Batch_WithoutInputs_Returns400()
    {
        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/read", new { properties = new[] { "email" } });

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    private static object Inputs(params object[] inputs) => new { inputs };
}
