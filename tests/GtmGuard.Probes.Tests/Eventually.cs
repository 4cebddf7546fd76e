using System.Diagnostics;

namespace GtmGuard.Probes.Tests;

/// <summary>Polls a condition that real servers make true asynchronously, up to a generous deadline.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string failure, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(elapsed.Elapsed < limit, failure);
            await Task.Delay(50);
        }
    }
}
