using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class SqliteSyncStoreWatermarkTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly TempStore _temp = TempStore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task TryAdvance_MovesForwardOrStays_NeverBack()
    {
        var store = _temp.Store;

        var first = await store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:1", T0.AddSeconds(10), "e10", default);
        var older = await store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:1", T0.AddSeconds(5), "e5", default);
        var same = await store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:1", T0.AddSeconds(10), "e10b", default);
        var newer = await store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:1", T0.AddSeconds(11), "e11", default);
        var watermark = await store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default);

        Assert.Equal([true, false, true, true], [first, older, same, newer]);
        Assert.Equal((T0.AddSeconds(11), "e11"), (watermark!.OccurredAt, watermark.EventId));
    }

    [Fact]
    public async Task Watermarks_ArePerVendorAndRecord()
    {
        await _temp.Store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:1", T0.AddSeconds(10), null, default);

        var otherRecord = await _temp.Store.TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:2", T0, null, default);
        var otherVendor = await _temp.Store.TryAdvanceWatermarkAsync(VendorId.Outreach, "contact:1", T0, null, default);

        Assert.True(otherRecord);
        Assert.True(otherVendor);
        Assert.Null(await _temp.Store.GetWatermarkAsync(VendorId.Clay, "contact:1", default));
    }

    [Fact]
    public async Task ConcurrentAdvances_FromTwoStoresOnOneFile_EndAtTheLatestTime()
    {
        await using var other = _temp.Open();
        var times = Enumerable.Range(0, 100).Select(i => T0.AddMilliseconds(i * 7 % 100 * 10)).ToArray();

        await Task.WhenAll(times.Select((t, i) => Task.Run(() => (i % 2 == 0 ? _temp.Store : other).TryAdvanceWatermarkAsync(VendorId.HubSpot, "contact:1", t, null, default))));
        var watermark = await _temp.Store.GetWatermarkAsync(VendorId.HubSpot, "contact:1", default);

        Assert.Equal(times.Max(), watermark!.OccurredAt);
    }
}
