using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Clay;

public sealed class ClayStateDumpTests
{
    [Theory]
    [InlineData("rows", "clay_row_id")] // every table's rows, in the callback's shape
    [InlineData(ClayTestHost.TableId, "id")]
    public async Task StateRows_PagesWithOffsetAndLimit_InTheOrderOfTheWholeDump(string type, string idField)
    {
        await using var host = ClayTestHost.Start();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Submit(new { email = $"page{i}@example.com" })).StatusCode);
        }

        var whole = await IdsAsync(host, $"/__gtmguard/state/{type}", idField);
        var pages = new List<string[]>();
        foreach (var offset in new[] { 0, 2, 4, 6 })
        {
            pages.Add(await IdsAsync(host, $"/__gtmguard/state/{type}?offset={offset}&limit=2", idField));
        }

        Assert.Equal(5, whole.Length);
        Assert.Equal([whole[0..2], whole[2..4], whole[4..5], []], pages);
    }

    [Fact]
    public async Task StateTables_Paged_ListsTheTableOnce()
    {
        await using var host = ClayTestHost.Start();

        Assert.Equal([ClayTestHost.TableId], await IdsAsync(host, "/__gtmguard/state/tables?offset=0&limit=5"));
        Assert.Empty(await IdsAsync(host, "/__gtmguard/state/tables?offset=1&limit=5"));
    }

    private static async Task<string[]> IdsAsync(ClayTestHost host, string path, string idField = "id")
    {
        using var response = await host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(r => r![idField]!.GetValue<string>()).ToArray();
    }
}
