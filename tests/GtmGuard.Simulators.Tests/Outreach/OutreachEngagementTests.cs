using System.Net;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Tests.Webhooks;

namespace GtmGuard.Simulators.Tests.Outreach;

/// <summary>The control endpoints that play the prospect: advancing a sequence and replying, with their webhooks and records.</summary>
public sealed class OutreachEngagementTests : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();
    private OutreachTestHost _host = null!;
    private long _prospect;
    private long _state;

    public async Task InitializeAsync()
    {
        _host = await OutreachTestHost.StartAsync();
        _prospect = OutreachTestHost.Id(await _host.CreateProspectAsync("ada@example.com", new() { ["firstName"] = "Ada" }));
        _state = OutreachTestHost.Id(await _host.AddToSequenceAsync(_prospect));
        await _host.CreateWebhookAsync(_receiver.Url, secret: "whsec");
        _host.Clock.Advance(TimeSpan.FromMinutes(15));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _receiver.Dispose();
    }

    private async Task<JsonNode> DeliveryAsync(string eventName)
    {
        await OutreachTestHost.Eventually(
            () => _receiver.Received.Any(r => Name(r) == eventName),
            () => $"no {eventName}; got {string.Join(", ", _receiver.Received.Select(Name))}");
        return _receiver.Received.Single(r => Name(r) == eventName).Json;
    }

    private static string Name(ReceivedDelivery delivery) => delivery.Json["meta"]!["eventName"]!.GetValue<string>();

    private async Task<JsonObject> ControlAsync(string path, JsonObject? body = null)
    {
        using var response = await _host.ControlAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OutreachTestHost.Json(response);
    }

    [Fact]
    public async Task Advance_DeliversTheStepsMailing_AndMovesTheStateToTheNextStep()
    {
        var result = await ControlAsync($"/sequenceStates/{_state}/advance");

        var delivered = await DeliveryAsync("mailing.delivered");
        var advanced = await DeliveryAsync("sequenceState.advanced");
        Assert.Equal(["mailing.delivered", "sequenceState.advanced"], result["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("delivered", delivered["data"]!["attributes"]!["state"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:15:00.000Z", delivered["data"]!["attributes"]!["deliveredAt"]!.GetValue<string>());
        Assert.Equal(_prospect, delivered["data"]!["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>());
        Assert.Equal(_state, OutreachTestHost.Id(advanced["data"]!));
        Assert.Equal(1, advanced["data"]!["attributes"]!["deliverCount"]!.GetValue<int>());
        Assert.Equal(1002, advanced["data"]!["relationships"]!["sequenceStep"]!["data"]!["id"]!.GetValue<long>());
        Assert.Equal("active", result["sequenceState"]!["attributes"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Advance_WithOpen_AlsoEmitsMailingOpened()
    {
        await ControlAsync($"/sequenceStates/{_state}/advance", new() { ["open"] = true });

        var opened = await DeliveryAsync("mailing.opened");
        Assert.Equal("opened", opened["data"]!["attributes"]!["state"]!.GetValue<string>());
        Assert.Equal(1, opened["data"]!["attributes"]!["openCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Advance_PastTheLastStep_FinishesTheState()
    {
        for (var step = 1; step < _host.Options.Sequences[0].StepCount; step++)
        {
            await ControlAsync($"/sequenceStates/{_state}/advance");
        }

        var last = await ControlAsync($"/sequenceStates/{_state}/advance");
        using var afterwards = await _host.ControlAsync($"/sequenceStates/{_state}/advance");

        Assert.Equal("finished", last["sequenceState"]!["attributes"]!["state"]!.GetValue<string>());
        Assert.Contains("sequenceState.finished", last["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);
        Assert.Equal(3, _host.Simulator.StateSummary()["mailings"]);
    }

    [Fact]
    public async Task ReplyWithOptOut_RepliesTheMailing_OptsTheProspectOut_AndFinishesTheSequenceState()
    {
        await ControlAsync($"/sequenceStates/{_state}/advance");
        _host.Clock.Advance(TimeSpan.FromMinutes(30));

        await ControlAsync($"/prospects/{_prospect}/reply", new() { ["optOut"] = true });

        var replied = (await DeliveryAsync("mailing.replied"))["data"]!["attributes"]!;
        var updated = (await DeliveryAsync("prospect.updated"))["data"]!;
        var finished = (await DeliveryAsync("sequenceState.finished"))["data"]!;
        Assert.Equal("replied", replied["state"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:45:00.000Z", replied["repliedAt"]!.GetValue<string>());
        Assert.True(replied["optOut"]!.GetValue<bool>());
        Assert.Equal("2026-11-27T09:45:00.000Z", replied["unsubscribedAt"]!.GetValue<string>());
        Assert.Equal(_prospect, OutreachTestHost.Id(updated));
        Assert.True(updated["attributes"]!["optedOut"]!.GetValue<bool>());
        Assert.Equal("2026-11-27T09:45:00.000Z", updated["attributes"]!["optedOutAt"]!.GetValue<string>());
        Assert.Equal(_state, OutreachTestHost.Id(finished));
        Assert.Equal("finished", finished["attributes"]!["state"]!.GetValue<string>());
        Assert.Equal(1, finished["attributes"]!["replyCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReplyWithoutOptOut_FinishesTheSequenceState_ButTheProspectStaysOptedIn()
    {
        var result = await ControlAsync($"/prospects/{_prospect}/reply", new() { ["optOut"] = false });

        var replied = (await DeliveryAsync("mailing.replied"))["data"]!["attributes"]!;
        await DeliveryAsync("sequenceState.finished");
        using var prospect = await _host.Api.GetAsync($"/api/v2/prospects/{_prospect}");
        Assert.False(replied["optOut"]!.GetValue<bool>());
        Assert.DoesNotContain("prospect.updated", result["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.False((await OutreachTestHost.Json(prospect))["data"]!["attributes"]!["optedOut"]!.GetValue<bool>());
        Assert.Equal(1, (await OutreachTestHost.Json(prospect))["data"]!["attributes"]!["replyCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReplyWithOptOut_FinishesTheProspectsOtherSequencesToo()
    {
        var other = OutreachTestHost.Id(await _host.AddToSequenceAsync(_prospect, sequenceId: 2));

        await ControlAsync($"/prospects/{_prospect}/reply", new() { ["optOut"] = true, ["sequenceStateId"] = _state });

        using var response = await _host.Api.GetAsync($"/api/v2/sequenceStates?filter[prospect][id]={_prospect}&filter[state]=finished");
        var finished = (await OutreachTestHost.Json(response))["data"]!.AsArray().Select(s => OutreachTestHost.Id(s!));
        Assert.Equal([_state, other], finished);
    }

    [Fact]
    public async Task Reply_CreatesAMailingReadableThroughTheApi()
    {
        var result = await ControlAsync($"/prospects/{_prospect}/reply", new() { ["optOut"] = false });
        var mailingId = OutreachTestHost.Id(result["mailing"]!);

        using var read = await _host.Api.GetAsync($"/api/v2/mailings/{mailingId}");
        using var list = await _host.Api.GetAsync($"/api/v2/mailings?filter[prospect][id]={_prospect}");

        var mailing = (await OutreachTestHost.Json(read))["data"]!;
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("replied", mailing["attributes"]!["state"]!.GetValue<string>());
        Assert.Equal(_state, mailing["relationships"]!["sequenceState"]!["data"]!["id"]!.GetValue<long>());
        Assert.Equal([mailingId], (await OutreachTestHost.Json(list))["data"]!.AsArray().Select(m => OutreachTestHost.Id(m!)));
    }

    [Fact]
    public async Task Reply_WhenTheProspectIsInNoActiveSequence_Is409()
    {
        using var finished = await _host.Api.PostAsync($"/api/v2/sequenceStates/{_state}/actions/finish", null);

        using var response = await _host.ControlAsync($"/prospects/{_prospect}/reply", new() { ["optOut"] = true });
        using var unknown = await _host.ControlAsync("/prospects/999/reply");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ControlBodies_ThatAreNotJsonOrHaveWrongTypes_Are400()
    {
        using var notJson = await _host.Http.PostAsync($"/__gtmguard/prospects/{_prospect}/reply", new StringContent("{oops"));
        using var wrongType = await _host.ControlAsync($"/prospects/{_prospect}/reply", new() { ["optOut"] = "yes" });

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
    }

    [Fact]
    public async Task StateEndpoints_ListEachObjectType()
    {
        await ControlAsync($"/sequenceStates/{_state}/advance");

        using var summary = await _host.Http.GetAsync("/__gtmguard/state");
        using var mailings = await _host.Http.GetAsync("/__gtmguard/state/mailings");

        var objects = (await OutreachTestHost.Json(summary))["objects"]!;
        Assert.Equal(1, objects["prospects"]!.GetValue<int>());
        Assert.Equal(2, objects["sequences"]!.GetValue<int>());
        Assert.Equal(1, objects["mailboxes"]!.GetValue<int>());
        Assert.Equal(1, objects["sequenceStates"]!.GetValue<int>());
        Assert.Equal(1, objects["mailings"]!.GetValue<int>());
        Assert.Equal(1, objects["webhooks"]!.GetValue<int>());
        Assert.Equal("mailing", JsonNode.Parse(await mailings.Content.ReadAsStringAsync())![0]!["type"]!.GetValue<string>());
    }
}
