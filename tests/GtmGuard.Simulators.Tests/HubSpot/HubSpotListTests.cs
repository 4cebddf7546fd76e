using System.Net;
using System.Net.Http.Json;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

/// <summary>Listing with <c>limit</c>/<c>after</c> paging, the date-versioned path and the companies object.</summary>
public sealed class HubSpotListTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task List_PagesWithLimitAndAfter_VisitsEveryContactOnce()
    {
        for (var i = 0; i < 25; i++)
        {
            await Host.CreateContactAsync(new { email = $"page{i}@example.com" });
        }

        var seen = new List<string>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await JsonObjectAsync(await Http.GetAsync($"{Contacts}?limit=10" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after))));
            seen.AddRange(page["results"]!.AsArray().Select(r => Text(r, "id")!));
            after = page["paging"]?["next"]?["after"]?.GetValue<string>();
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Fact]
    public async Task List_NextPage_HasOpaqueCursorAndLink()
    {
        for (var i = 0; i < 3; i++)
        {
            await Host.CreateContactAsync(new { email = $"link{i}@example.com" });
        }

        var page = await JsonObjectAsync(await Http.GetAsync($"{Contacts}?limit=2"));
        var next = page["paging"]!["next"]!;
        var following = await JsonObjectAsync(await Http.GetAsync(Text(next, "link")));

        Assert.False(long.TryParse(Text(next, "after"), out _), "list cursors are opaque, not ids");
        Assert.Contains("after=", Text(next, "link"));
        Assert.Single(following["results"]!.AsArray());
        Assert.Null(following["paging"]);
    }

    [Fact]
    public async Task List_CursorSurvivesArchivingRecordsOfThePreviousPage()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await Host.CreateContactAsync(new { email = $"keep{i}@example.com" }))["id"]!.GetValue<string>());
        }

        var first = await JsonObjectAsync(await Http.GetAsync($"{Contacts}?limit=2"));
        await Http.DeleteAsync($"{Contacts}/{ids[0]}");
        var after = Uri.EscapeDataString(first["paging"]!["next"]!["after"]!.GetValue<string>());
        var second = await JsonObjectAsync(await Http.GetAsync($"{Contacts}?limit=2&after={after}"));

        Assert.Equal(new[] { ids[2], ids[3] }, second["results"]!.AsArray().Select(r => Text(r, "id")));
    }

    [Fact]
    public async Task List_WithoutLimit_ReturnsTenPerPage()
    {
        for (var i = 0; i < 11; i++)
        {
            await Host.CreateContactAsync(new { firstname = $"N{i}" });
        }

        var page = await JsonObjectAsync(await Http.GetAsync(Contacts));

        Assert.Equal(10, page["results"]!.AsArray().Count);
        Assert.NotNull(page["paging"]);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("0")]
    [InlineData("ten")]
    public async Task List_WithInvalidLimit_Returns400(string limit)
    {
        var response = await Http.GetAsync($"{Contacts}?limit={limit}");

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task List_WithGarbageCursor_Returns400()
    {
        var response = await Http.GetAsync($"{Contacts}?after=%%%not-a-cursor");

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task DateVersionedPath_ServesTheSameContacts()
    {
        var created = await Host.CreateContactAsync(new { email = "dated@example.com" });

        var response = await Http.GetAsync($"/crm/objects/2026-03/contacts/{created["id"]}");

        var body = await JsonObjectAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dated@example.com", Text(body["properties"], "email"));
    }

    [Fact]
    public async Task Companies_CreateAndRead_WorkLikeContacts()
    {
        var created = await Http.PostAsJsonAsync("/crm/v3/objects/companies", new { properties = new { name = "Acme", domain = "acme.com" } });
        var body = await JsonObjectAsync(created);

        var read = await JsonObjectAsync(await Http.GetAsync($"/crm/v3/objects/companies/{body["id"]}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("acme.com", Text(read["properties"], "domain"));
    }
}
