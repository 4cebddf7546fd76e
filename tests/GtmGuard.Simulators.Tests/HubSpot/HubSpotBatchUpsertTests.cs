using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

/// <summary>Batch update and upsert: writes by id or unique property, the <c>new</c> flag, conflicts and refused batches.</summary>
public sealed class HubSpotBatchUpsertTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task BatchUpdate_Returns200AndWritesEveryInput()
    {
        var a = await Host.CreateContactAsync(new { email = "ua@example.com" });
        var b = await Host.CreateContactAsync(new { email = "ub@example.com" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/update", Inputs(
            new { id = a["id"]!.GetValue<string>(), properties = new { lastname = "A" } },
            new { id = "ub@example.com", idProperty = "email", properties = new { lastname = "B" } }));

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["A", "B"], body["results"]!.AsArray().Select(r => Text(r!["properties"], "lastname")));
        Assert.Equal("B", Host.Simulator.Contacts.Find(b["id"]!.GetValue<string>(), null)!.Properties["lastname"]);
    }

    [Fact]
    public async Task BatchUpdate_WithAMissingId_Returns207AndUpdatesTheRest()
    {
        var a = await Host.CreateContactAsync(new { email = "ma@example.com" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/update", Inputs(
            new { id = a["id"]!.GetValue<string>(), properties = new { lastname = "Kept" } },
            new { id = "987654", properties = new { lastname = "Lost" } }));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Equal(1, body["numErrors"]!.GetValue<int>());
        Assert.Equal("987654", body["errors"]![0]!["context"]!["ids"]![0]!.GetValue<string>());
        Assert.Equal("Kept", Host.Simulator.Contacts.Find(a["id"]!.GetValue<string>(), null)!.Properties["lastname"]);
    }

    [Fact]
    public async Task BatchUpdate_WithABadProperty_Returns400AndChangesNothing()
    {
        var a = await Host.CreateContactAsync(new { email = "atomic@example.com", lastname = "Before" });
        var id = a["id"]!.GetValue<string>();

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/update", Inputs(
            new { id, properties = new { lastname = "After" } },
            new { id = "atomic@example.com", idProperty = "email", properties = new { not_real = "x" } }));

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("Before", Host.Simulator.Contacts.Find(id, null)!.Properties["lastname"]);
    }

    [Fact]
    public async Task BatchUpdate_WithDuplicateIds_Returns400()
    {
        var a = await Host.CreateContactAsync(new { email = "twice@example.com" });
        var id = a["id"]!.GetValue<string>();

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/update", Inputs(
            new { id, properties = new { lastname = "One" } },
            new { id, properties = new { lastname = "Two" } }));

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.StartsWith("Duplicate IDs found in batch input", Text(body, "message"));
    }

    [Fact]
    public async Task BatchUpsert_ByEmail_CreatesThenUpdates_ReportingNew()
    {
        var first = await UpsertAsync(new { id = "ups@example.com", idProperty = "email", properties = new { firstname = "First" } });
        Host.Clock.Advance(TimeSpan.FromSeconds(5));

        var second = await UpsertAsync(new { id = "UPS@example.com", idProperty = "email", properties = new { firstname = "Second" } });

        var created = first["results"]![0]!;
        var updated = second["results"]![0]!;
        Assert.True(created["new"]!.GetValue<bool>());
        Assert.False(updated["new"]!.GetValue<bool>());
        Assert.Equal(Text(created, "id"), Text(updated, "id"));
        Assert.Equal("ups@example.com", Text(created["properties"], "email"));
        Assert.Equal("Second", Text(updated["properties"], "firstname"));
        Assert.Equal(1, Host.Simulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchUpsert_MixedNewAndExisting_FlagsEachResult()
    {
        await Host.CreateContactAsync(new { email = "old@example.com" });

        var body = await UpsertAsync(
            new { id = "old@example.com", idProperty = "email", properties = new { lastname = "Old" } },
            new { id = "brand-new@example.com", idProperty = "email", properties = new { lastname = "New" } });

        var flags = body["results"]!.AsArray().ToDictionary(r => Text(r!["properties"], "email")!, r => r!["new"]!.GetValue<bool>());
        Assert.False(flags["old@example.com"]);
        Assert.True(flags["brand-new@example.com"]);
    }

    [Fact]
    public async Task BatchUpsert_ByCustomUniqueProperty_Works()
    {
        var first = await UpsertAsync(new { id = "ext-1", idProperty = "external_id", properties = new { email = "ext@example.com" } });

        var second = await UpsertAsync(new { id = "ext-1", idProperty = "external_id", properties = new { lastname = "Ext" } });

        Assert.True(first["results"]![0]!["new"]!.GetValue<bool>());
        Assert.False(second["results"]![0]!["new"]!.GetValue<bool>());
        Assert.Equal("ext-1", Text(first["results"]![0]!["properties"], "external_id"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hs_object_id")]
    [InlineData("firstname")]
    [InlineData("no_such_property")]
    public async Task BatchUpsert_WithoutAUniqueIdProperty_Returns400(string? idProperty)
    {
        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/upsert", Inputs(new { id = "x@example.com", idProperty, properties = new { lastname = "X" } }));

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, Host.Simulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchUpsert_WithAnInvalidEmailAsId_Returns400()
    {
        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/upsert", Inputs(new { id = "not-an-email", idProperty = "email", properties = new { lastname = "X" } }));

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("INVALID_EMAIL", Text(body, "message"));
    }

    [Fact]
    public async Task BatchUpsert_WithTheSameEmailTwice_Returns400DuplicateIds()
    {
        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/upsert", Inputs(
            new { id = "same@example.com", idProperty = "email", properties = new { lastname = "A" } },
            new { id = "Same@Example.com", idProperty = "email", properties = new { lastname = "B" } }));

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.StartsWith("Duplicate IDs found in batch input", Text(body, "message"));
        Assert.Equal(0, Host.Simulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchUpsert_ChangingEmailToOneTaken_Returns207Conflict()
    {
        var holder = await Host.CreateContactAsync(new { email = "holder@example.com" });
        await Host.CreateContactAsync(new { email = "mover@example.com" });

        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/upsert", Inputs(
            new { id = "mover@example.com", idProperty = "email", properties = new { email = "holder@example.com" } }));

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var body = await JsonObjectAsync(response);
        Assert.Equal("CONFLICT", Text(body["errors"]![0], "category"));
        Assert.EndsWith($"Existing ID: {holder["id"]}", Text(body["errors"]![0], "message"));
    }

    private static object Inputs(params object[] inputs) => new { inputs };

    private async Task<JsonObject> UpsertAsync(params object[] inputs)
    {
        var response = await Http.PostAsJsonAsync($"{Contacts}/batch/upsert", Inputs(inputs));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonObjectAsync(response);
    }
}
