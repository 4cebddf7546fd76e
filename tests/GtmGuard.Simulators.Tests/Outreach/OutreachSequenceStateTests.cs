using System.Net;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachSequenceStateTests : IAsyncLifetime
{
    private OutreachTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OutreachTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> CreateAsync(JsonObject relationships) =>
        _host.SendAsync(HttpMethod.Post, "/api/v2/sequenceStates", OutreachTestHost.Document("sequenceState", relationships: relationships));

    private static JsonObject Relationships(long prospect, long sequence = 1, long mailbox = 1) => new()
    {
        ["prospect"] = OutreachTestHost.Link("prospect", prospect),
        ["sequence"] = OutreachTestHost.Link("sequence", sequence),
        ["mailbox"] = OutreachTestHost.Link("mailbox", mailbox),
    };

    [Fact]
    public async Task SeededSequencesAndMailboxes_AreListedAndReadable()
    {
        using var sequences = await _host.Api.GetAsync("/api/v2/sequences");
        using var sequence = await _host.Api.GetAsync("/api/v2/sequences/2");
        using var mailboxes = await _host.Api.GetAsync("/api/v2/mailboxes");

        var sequenceList = (await OutreachTestHost.Json(sequences))["data"]!.AsArray();
        Assert.Equal(["GtmGuard Outbound", "GtmGuard Nurture"], sequenceList.Select(s => s!["attributes"]!["name"]!.GetValue<string>()));
        Assert.Equal(5, (await OutreachTestHost.Json(sequence))["data"]!["attributes"]!["stepCount"]!.GetValue<int>());
        Assert.Equal("sdr@gtmguard.local", (await OutreachTestHost.Json(mailboxes))["data"]![0]!["attributes"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithProspectSequenceAndMailbox_Is201Active()
    {
        var prospect = await _host.CreateProspectAsync("ada@example.com");

        using var response = await CreateAsync(Relationships(OutreachTestHost.Id(prospect)));

        var data = (await OutreachTestHost.Json(response))["data"]!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("sequenceState", data["type"]!.GetValue<string>());
        Assert.Equal("active", data["attributes"]!["state"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:00:00.000Z", data["attributes"]!["stateChangedAt"]!.GetValue<string>());
        Assert.Equal(OutreachTestHost.Id(prospect), data["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>());
        Assert.Equal(1, data["relationships"]!["mailbox"]!["data"]!["id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("prospect")]
    [InlineData("sequence")]
    [InlineData("mailbox")]
    public async Task Create_WithoutOneOfTheRequiredRelationships_Is422PointingAtIt(string missing)
    {
        var prospect = await _host.CreateProspectAsync("ada@example.com");
        var relationships = Relationships(OutreachTestHost.Id(prospect));
        relationships.Remove(missing);

        using var response = await CreateAsync(relationships);

        var error = await OutreachTestHost.FirstError(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validationError", error["id"]!.GetValue<string>());
        Assert.Equal($"/data/relationships/{missing}", error["source"]!["pointer"]!.GetValue<string>());
        Assert.Equal(0, _host.Simulator.StateSummary()["sequenceStates"]);
    }

    [Theory]
    [InlineData(999, 1, 1, "prospect")]
    [InlineData(0, 999, 1, "sequence")]
    [InlineData(0, 1, 999, "mailbox")]
    public async Task Create_WithAnUnknownRelatedRecord_Is422(long prospectId, long sequenceId, long mailboxId, string pointsAt)
    {
        var prospect = await _host.CreateProspectAsync("ada@example.com");

        using var response = await CreateAsync(Relationships(prospectId == 0 ? OutreachTestHost.Id(prospect) : prospectId, sequenceId, mailboxId));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"/data/relationships/{pointsAt}", (await OutreachTestHost.FirstError(response))["source"]!["pointer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WhenTheProspectIsAlreadyActiveInTheSequence_Is422_ButAnotherSequenceIsFine()
    {
        var prospect = OutreachTestHost.Id(await _host.CreateProspectAsync("ada@example.com"));
        await _host.AddToSequenceAsync(prospect);

        using var again = await CreateAsync(Relationships(prospect));
        using var other = await CreateAsync(Relationships(prospect, sequence: 2));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already active", (await OutreachTestHost.FirstError(again))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Create_ForAnOptedOutProspect_Is422()
    {
        var prospect = await _host.CreateProspectAsync("ada@example.com", new() { ["optedOut"] = true });

        using var response = await CreateAsync(Relationships(OutreachTestHost.Id(prospect)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Read_ReturnsTheState_AndAnUnknownIdIs404()
    {
        var state = await _host.AddToSequenceAsync(OutreachTestHost.Id(await _host.CreateProspectAsync("ada@example.com")));

        using var read = await _host.Api.GetAsync($"/api/v2/sequenceStates/{OutreachTestHost.Id(state)}");
        using var missing = await _host.Api.GetAsync("/api/v2/sequenceStates/999");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(OutreachTestHost.Id(state), OutreachTestHost.Id((await OutreachTestHost.Json(read))["data"]!));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Could not find 'sequenceState' with ID '999'.", (await OutreachTestHost.FirstError(missing))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_FilteredByProspectId_ReturnsOnlyThatProspectsStates()
    {
        var ada = OutreachTestHost.Id(await _host.CreateProspectAsync("ada@example.com"));
        var grace = OutreachTestHost.Id(await _host.CreateProspectAsync("grace@example.com"));
        var adaFirst = await _host.AddToSequenceAsync(ada);
        await _host.AddToSequenceAsync(grace);
        var adaSecond = await _host.AddToSequenceAsync(ada, sequenceId: 2);

        using var response = await _host.Api.GetAsync($"/api/v2/sequenceStates?filter[prospect][id]={ada}");

        var ids = (await OutreachTestHost.Json(response))["data"]!.AsArray().Select(d => OutreachTestHost.Id(d!));
        Assert.Equal([OutreachTestHost.Id(adaFirst), OutreachTestHost.Id(adaSecond)], ids);
    }

    [Fact]
    public async Task Delete_RemovesTheProspectFromTheSequence_SoTheyCanBeAddedAgain()
    {
        var prospect = OutreachTestHost.Id(await _host.CreateProspectAsync("ada@example.com"));
        var state = await _host.AddToSequenceAsync(prospect);

        using var deleted = await _host.Api.DeleteAsync($"/api/v2/sequenceStates/{OutreachTestHost.Id(state)}");
        using var read = await _host.Api.GetAsync($"/api/v2/sequenceStates/{OutreachTestHost.Id(state)}");
        using var again = await CreateAsync(Relationships(prospect));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task FinishAction_FinishesTheState_AndASecondFinishIs422()
    {
        var state = await _host.AddToSequenceAsync(OutreachTestHost.Id(await _host.CreateProspectAsync("ada@example.com")));
        var path = $"/api/v2/sequenceStates/{OutreachTestHost.Id(state)}/actions/finish";
        _host.Clock.Advance(TimeSpan.FromMinutes(10));

        using var finished = await _host.Api.PostAsync(path, null);
        using var again = await _host.Api.PostAsync(path, null);

        var attributes = (await OutreachTestHost.Json(finished))["data"]!["attributes"]!;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal("finished", attributes["state"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:10:00.000Z", attributes["stateChangedAt"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task PauseAndResumeActions_MoveTheStateBetweenPausedAndActive()
    {
        var state = await _host.AddToSequenceAsync(OutreachTestHost.Id(await _host.CreateProspectAsync("ada@example.com")));
        var path = $"/api/v2/sequenceStates/{OutreachTestHost.Id(state)}/actions/";

        using var paused = await _host.Api.PostAsync(path + "pause", null);
        using var resumed = await _host.Api.PostAsync(path + "resume", null);

        Assert.Equal("paused", (await OutreachTestHost.Json(paused))["data"]!["attributes"]!["state"]!.GetValue<string>());
        Assert.Equal("active", (await OutreachTestHost.Json(resumed))["data"]!["attributes"]!["state"]!.GetValue<string>());
    }
}
