using GtmGuard.Simulators.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotObjectStorePagingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Page_MatchesLiveInCreationOrderThenArchived_ForEveryOffsetAndLimit(int seed)
    {
        var random = new Random(seed);
        var store = new HubSpotObjectStore(HubSpotObjectType.Contacts([], []), new FakeTimeProvider(), firstId: 95);
        var ids = Enumerable.Range(0, 40).Select(i => store.Create(new Dictionary<string, string?> { ["email"] = $"p{i}@example.com" }).Id).ToList();
        // Archived in random order, so positions arrive unsorted; ids cross from two digits to three.
        foreach (var id in ids.OrderBy(_ => random.Next()).Take(random.Next(0, 25)))
        {
            Assert.True(store.Archive(id));
        }

        var expected = store.All().Concat(store.All(archived: true)).Select(r => r.Id).ToList();
        foreach (var limit in new[] { 1, 3, 10, 100 })
        {
            for (var offset = 0; offset <= expected.Count + 2; offset++)
            {
                Assert.Equal(expected.Skip(offset).Take(limit), store.Page(offset, limit).Select(r => r.Id));
            }
        }
    }

    [Fact]
    public void Page_AfterClear_StartsAgainWithNothingArchived()
    {
        var store = new HubSpotObjectStore(HubSpotObjectType.Contacts([], []), new FakeTimeProvider(), firstId: 1);
        store.Archive(store.Create(new Dictionary<string, string?> { ["email"] = "a@example.com" }).Id);
        store.Clear();
        var kept = store.Create(new Dictionary<string, string?> { ["email"] = "b@example.com" });

        Assert.Equal([kept.Id], store.Page(0, 10).Select(r => r.Id));
    }
}
