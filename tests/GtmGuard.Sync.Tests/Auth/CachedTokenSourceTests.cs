using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Sync.Tests.Auth;

public sealed class CachedTokenSourceTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task ManyCallersRejectingTheSameToken_TriggerOneGrantRequest()
    {
        var grant = new GatedGrant(_clock);
        var source = new CachedTokenSource(VendorId.HubSpot, grant, _clock, TimeSpan.FromMinutes(1), NullLogger.Instance);
        grant.Release();
        var rejected = await source.GetTokenAsync(CancellationToken.None);

        var refreshes = Enumerable.Range(0, 50).Select(_ => Task.Run(() => source.RefreshAsync(rejected, CancellationToken.None))).ToArray();
        await Task.Delay(50);
        grant.Release();
        var tokens = await Task.WhenAll(refreshes);

        Assert.Equal(2, grant.Requests);
        Assert.All(tokens, t => Assert.Equal("token-2", t.Value));
    }

    [Fact]
    public async Task CallerWithAnOlderRejectedToken_GetsTheNewerOneWithoutAnotherRequest()
    {
        var grant = new GatedGrant(_clock, open: true);
        var source = new CachedTokenSource(VendorId.HubSpot, grant, _clock, TimeSpan.FromMinutes(1), NullLogger.Instance);
        var first = await source.GetTokenAsync(CancellationToken.None);
        var second = await source.RefreshAsync(first, CancellationToken.None);

        var late = await source.RefreshAsync(first, CancellationToken.None);

        Assert.Same(second, late);
        Assert.Equal(2, grant.Requests);
    }

    [Fact]
    public async Task TokenNearItsExpiry_IsRefreshedBeforeUse()
    {
        var grant = new GatedGrant(_clock, open: true, lifetime: TimeSpan.FromMinutes(30));
        var source = new CachedTokenSource(VendorId.Outreach, grant, _clock, TimeSpan.FromMinutes(1), NullLogger.Instance);
        await source.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(28));
        var stillCached = await source.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1.5));
        var refreshed = await source.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", stillCached.Value);
        Assert.Equal("token-2", refreshed.Value);
    }

    [Fact]
    public async Task FailedGrant_IsNotCached_TheNextCallTriesAgain()
    {
        var grant = new GatedGrant(_clock, open: true) { FailNext = true };
        var source = new CachedTokenSource(VendorId.HubSpot, grant, _clock, TimeSpan.Zero, NullLogger.Instance);

        await Assert.ThrowsAsync<TokenRequestException>(() => source.GetTokenAsync(CancellationToken.None).AsTask());
        var token = await source.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-2", token.Value);
    }

    [Fact]
    public void AccessToken_NeverPrintsItsValue()
    {
        var token = new AccessToken("super-secret-value", null);

        Assert.DoesNotContain("super-secret-value", token.ToString(), StringComparison.Ordinal);
    }

    private sealed class GatedGrant(TimeProvider clock, bool open = false, TimeSpan? lifetime = null) : ITokenGrant
    {
        private readonly SemaphoreSlim _gate = new(open ? int.MaxValue / 2 : 0);
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public bool FailNext { get; set; }

        public void Release() => _gate.Release();

        public async Task<AccessToken> RequestAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _requests);
            await _gate.WaitAsync(cancellationToken);
            if (FailNext)
            {
                FailNext = false;
                throw new TokenRequestException(Sync.Resilience.VendorOutcome.ServerError, "token endpoint down");
            }

            return new AccessToken($"token-{n}", lifetime is { } l ? clock.GetUtcNow() + l : null);
        }
    }
}
