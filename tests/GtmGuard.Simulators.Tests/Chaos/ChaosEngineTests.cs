using GtmGuard.Simulators.Auth;
using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Tests.Hosting;

namespace GtmGuard.Simulators.Tests.Chaos;

public sealed class ChaosEngineTests
{
    private static ChaosPlan Plan(int seed, params ChaosRule[] rules) => new("test", seed, rules, []);

    private static ChaosRule Rule(ChaosFault fault, double probability, string operation = "*", TimeSpan? from = null, TimeSpan? to = null) =>
        new(operation, fault, probability, from, to, TimeSpan.Zero, null);

    private static List<ChaosFault?> Draw(ChaosEngine engine, string operation, int count) =>
        Enumerable.Range(0, count).Select(_ => engine.Decide(operation).Fault).ToList();

    [Fact]
    public void Decide_WithTheSameSeed_GivesTheSameFaultSequence()
    {
        var plan = Plan(1234, Rule(ChaosFault.ServerError, 0.1), Rule(ChaosFault.RateLimit, 0.05));
        using var first = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        using var second = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        first.Apply(plan);
        second.Apply(plan);

        var a = Draw(first, "contacts.read", 500);
        var b = Draw(second, "contacts.read", 500);

        Assert.Equal(a, b);
        Assert.Contains(ChaosFault.ServerError, a);
        Assert.Contains(ChaosFault.RateLimit, a);
    }

    [Fact]
    public void Decide_WithAnotherSeed_GivesAnotherSequence()
    {
        using var first = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        using var second = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        first.Apply(Plan(1, Rule(ChaosFault.ServerError, 0.2)));
        second.Apply(Plan(2, Rule(ChaosFault.ServerError, 0.2)));

        Assert.NotEqual(Draw(first, "contacts.read", 200), Draw(second, "contacts.read", 200));
    }

    [Fact]
    public void Decide_PerOperationSequence_DoesNotDependOnInterleavingWithOtherOperations()
    {
        var plan = Plan(77, Rule(ChaosFault.ServerError, 0.3));
        using var alone = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        using var interleaved = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        alone.Apply(plan);
        interleaved.Apply(plan);

        var expected = Draw(alone, "contacts.create", 100);
        var actual = new List<ChaosFault?>();
        for (var i = 0; i < 100; i++)
        {
            interleaved.Decide("contacts.read");
            actual.Add(interleaved.Decide("contacts.create").Fault);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Decide_WithProbability_HitsAboutThatShareOfRequests()
    {
        using var engine = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        engine.Apply(Plan(5, Rule(ChaosFault.ServerError, 0.10)));

        var hits = Draw(engine, "contacts.read", 20_000).Count(f => f == ChaosFault.ServerError);

        Assert.InRange(hits, 1_800, 2_200);
    }

    [Fact]
    public void Decide_WithATimeWindow_FaultsOnlyInsideTheWindow()
    {
        var clock = SimulatorFactory.NewClock();
        using var engine = new ChaosEngine(clock, _ => { });
        engine.Apply(Plan(1, Rule(ChaosFault.Unavailable, 1.0, from: TimeSpan.FromSeconds(45), to: TimeSpan.FromSeconds(75))));

        var before = engine.Decide("x").Fault;
        clock.Advance(TimeSpan.FromSeconds(45));
        var during = engine.Decide("x").Fault;
        clock.Advance(TimeSpan.FromSeconds(30));
        var after = engine.Decide("x").Fault;

        Assert.Null(before);
        Assert.Equal(ChaosFault.Unavailable, during);
        Assert.Null(after);
    }

    [Fact]
    public void Decide_WithAnOperationGlob_OnlyHitsMatchingOperations()
    {
        using var engine = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        engine.Apply(Plan(1, Rule(ChaosFault.ServerError, 1.0, operation: "contacts.batch.*")));

        Assert.Equal(ChaosFault.ServerError, engine.Decide("contacts.batch.upsert").Fault);
        Assert.Null(engine.Decide("contacts.read").Fault);
    }

    [Fact]
    public void Decide_LatencyRules_AddUpAndLetTheRequestThrough()
    {
        using var engine = new ChaosEngine(SimulatorFactory.NewClock(), _ => { });
        engine.Apply(new ChaosPlan("t", 1, [new ChaosRule("*", ChaosFault.Latency, 1, null, null, TimeSpan.FromMilliseconds(200), null), new ChaosRule("*", ChaosFault.Latency, 1, null, null, TimeSpan.FromMilliseconds(50), null)], []));

        var decision = engine.Decide("contacts.read");

        Assert.Null(decision.Fault);
        Assert.Equal(TimeSpan.FromMilliseconds(250), decision.Delay);
    }

    [Fact]
    public void TimelineEvent_ExpireTokensEveryMinute_ExpiresTokensEachTime()
    {
        var clock = SimulatorFactory.NewClock();
        var tokens = new TokenStore(clock);
        using var engine = new ChaosEngine(clock, action => { if (action == ChaosAction.ExpireTokens) { tokens.ExpireAll(); } });
        engine.Apply(new ChaosPlan("t", 1, [], [new ChaosEvent(TimeSpan.FromSeconds(60), ChaosAction.ExpireTokens, TimeSpan.FromSeconds(60))]));
        var first = tokens.Issue("u", TimeSpan.FromHours(2));

        clock.Advance(TimeSpan.FromSeconds(59));
        var beforeEvent = tokens.Check(first.Value).State;
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterEvent = tokens.Check(first.Value).State;
        var second = tokens.Issue("u", TimeSpan.FromHours(2));
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(TokenState.Valid, beforeEvent);
        Assert.Equal(TokenState.Expired, afterEvent);
        Assert.Equal(TokenState.Expired, tokens.Check(second.Value).State);
    }
}
