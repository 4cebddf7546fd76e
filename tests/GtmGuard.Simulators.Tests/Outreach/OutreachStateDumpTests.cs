using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachStateDumpTests : IAsyncLifetime
{
    private OutreachTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OutreachTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StateProspects_PagesWithOffsetAndLimit_InTheOrderOfTheWholeDump()
    {
        for (var i = 0; i < 5; i++)
        {
            await _host.CreateProspectAsync($"page{i}@example.com");
        }

        var whole = await IdsAsync("/__gtmguard/state/prospects");
        var pages = new List<long[]>();
        foreach (var offset in new[] { 0, 2, 4, 6 })
        {
            pages.Add(await IdsAsync($"/__gtmguard/state/prospects?offset={offset}&limit=2"));
        }

        Assert.Equal(5, whole.Length);
        Assert.Equal([whole[0..2], whole[2..4], whole[4..5], []], pages);
    }

    [Fact]
    public async Task StateDump_UnknownTypePaged_Is404()
    {
        using var response = await _host.Http.GetAsync("/__gtmguard/state/widgets?offset=0&limit=2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<long[]> IdsAsync(string path)
    {
        using var response = await _host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(p => OutreachTestHost.Id(p!)).ToArray();
    }
}
