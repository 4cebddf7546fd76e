using GtmGuard.Sync.Resilience;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace GtmGuard.Sync.Tests.Vendors.Outreach;

/// <summary>The Outreach client against the real Outreach simulator.</summary>
public sealed class OutreachClientTests
{
    [Fact]
    public async Task UpsertProspect_NewEmailThenSame_CreatesOnceThenUpdates()
    {
        await using var host = OutreachSyncHost.Start();

        var first = await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("grace@example.com"));
        var second = await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("grace@example.com", company: "Navy"));

        Assert.True(first.IsSuccess, first.Error);
        Assert.True(first.Value!.Created);
        Assert.False(second.Value!.Created);
        Assert.Equal(first.Value.Prospect.Id, second.Value.Prospect.Id);
        Assert.Equal("Navy", second.Value.Prospect.Attributes["company"]!.GetValue<string>());
        Assert.Equal(["grace@example.com"], second.Value.Prospect.Emails);
        Assert.Single(await host.StateAsync("prospects"));
    }

    [Fact]
    public async Task UpsertProspect_LosingTheCreateRace_SearchesAgainAndUpdates()
    {
        await using var host = OutreachSyncHost.Start();
        await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("race@example.com"));
        // The search index lags: the first search misses the prospect another writer just created.
        host.Simulator.Server
            .Given(Request.Create().WithPath(OutreachSyncHost.Api + "/prospects").UsingGet())
            .InScenario("stale-search")
            .WillSetStateTo("fresh")
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/vnd.api+json").WithBody("{\"data\":[],\"meta\":{\"count\":0}}"));

        var result = await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("race@example.com", company: "Later"));

        Assert.True(result.IsSuccess, result.Error);
        Assert.False(result.Value!.Created);
        Assert.Equal("Later", result.Value.Prospect.Attributes["company"]!.GetValue<string>());
        Assert.Contains(422, host.Statuses(OutreachSyncHost.Api + "/prospects"));
        Assert.Single(await host.StateAsync("prospects"));
    }

    [Fact]
    public async Task UpsertProspect_ConcurrentWritersOfOneEmail_EndWithOneProspect()
    {
        await using var host = OutreachSyncHost.Start();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("crowd@example.com"))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error));
        Assert.Single(await host.StateAsync("prospects"));
        Assert.Single(results, r => r.Value!.Created);
    }

    [Fact]
    public async Task FindProspectByEmail_Unknown_IsNotFound()
    {
        await using var host = OutreachSyncHost.Start();

        var result = await host.Client.FindProspectByEmailAsync("nobody+tag@example.com");

        Assert.Equal(VendorOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task Enroll_Twice_SecondCountsAsAlreadyEnrolled()
    {
        await using var host = OutreachSyncHost.Start();
        var prospect = (await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("seq@example.com"))).Value!.Prospect;

        var first = await host.Client.EnrollAsync(prospect.Id, sequenceId: 1, mailboxId: 1);
        var second = await host.Client.EnrollAsync(prospect.Id, sequenceId: 1, mailboxId: 1);

        Assert.True(first.IsSuccess, first.Error);
        Assert.False(first.Value!.AlreadyEnrolled);
        Assert.True(second.IsSuccess, second.Error);
        Assert.True(second.Value!.AlreadyEnrolled);
        Assert.Equal(first.Value.SequenceStateId, second.Value.SequenceStateId);
        Assert.Single(await host.StateAsync("sequenceStates"));
    }

    [Fact]
    public async Task Enroll_UnknownSequence_IsValidation()
    {
        await using var host = OutreachSyncHost.Start();
        var prospect = (await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("noseq@example.com"))).Value!.Prospect;

        var result = await host.Client.EnrollAsync(prospect.Id, sequenceId: 999, mailboxId: 1);

        Assert.Equal(VendorOutcome.Validation, result.Outcome);
        Assert.Contains("sequence", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveFromAllSequences_DeletesEveryState_AndARerunRemovesNothing()
    {
        await using var host = OutreachSyncHost.Start();
        var prospect = (await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("optout@example.com"))).Value!.Prospect;
        await host.Client.EnrollAsync(prospect.Id, 1, 1);
        await host.Client.EnrollAsync(prospect.Id, 2, 1);

        var listed = await host.Client.ListSequenceStatesAsync(prospect.Id);
        var removed = await host.Client.RemoveFromAllSequencesAsync(prospect.Id);
        var again = await host.Client.RemoveFromAllSequencesAsync(prospect.Id);

        Assert.Equal([1L, 2L], listed.Value!.Select(s => s.SequenceId!.Value).Order());
        Assert.Equal(2, removed.Value);
        Assert.Equal(0, again.Value);
        Assert.Empty(await host.StateAsync("sequenceStates"));
    }

    [Fact]
    public async Task DeleteSequenceState_AlreadyGone_CountsAsDeleted()
    {
        await using var host = OutreachSyncHost.Start();

        var result = await host.Client.DeleteSequenceStateAsync(424242);

        Assert.True(result.IsSuccess);
        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task RequestBodies_AreJsonApi()
    {
        await using var host = OutreachSyncHost.Start();

        await host.Client.UpsertProspectAsync(OutreachSyncHost.Prospect("media@example.com"));

        var create = host.Requests(OutreachSyncHost.Api + "/prospects").Single(e => e.RequestMessage.Method == "POST");
        Assert.StartsWith("application/vnd.api+json", create.RequestMessage.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
    }
}
