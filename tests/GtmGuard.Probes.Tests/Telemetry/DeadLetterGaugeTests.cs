using System.Reflection;
using System.Text;
using GtmGuard.Probes.Telemetry;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace GtmGuard.Probes.Tests.Telemetry;

public sealed class DeadLetterGaugeTests
{
    private const string Salesforce = "gtmguard_dead_letters{integration=\"salesforce\"}";

    [Fact]
    public async Task Scrape_WhileTheStoreIsLocked_SucceedsWithTheLastCountsAndWarns()
    {
        var registry = Metrics.NewCustomRegistry();
        var store = DeadLetterCountStore.Create();
        var logger = new WarningLog();
        _ = new DeadLetterGauge(registry, (ISyncStore)store, logger);

        store.Counts = new Dictionary<VendorId, long> { [VendorId.Salesforce] = 2 };
        var counted = await ScrapeAsync(registry);
        store.Failure = new SqliteException("SQLite Error 5: 'database is locked'.", 5);
        var locked = await ScrapeAsync(registry);
        store.Failure = null;
        store.Counts = new Dictionary<VendorId, long> { [VendorId.Salesforce] = 3 };
        var recovered = await ScrapeAsync(registry);

        Assert.Equal(2, ProbeTestHost.Sample(counted, Salesforce));
        Assert.Equal(2, ProbeTestHost.Sample(locked, Salesforce));
        Assert.Equal(3, ProbeTestHost.Sample(recovered, Salesforce));
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("SqliteException: SQLite Error 5: 'database is locked'.", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_CancelledWhileCounting_IsNotSwallowed()
    {
        var registry = Metrics.NewCustomRegistry();
        var store = DeadLetterCountStore.Create();
        var logger = new WarningLog();
        var gauge = new DeadLetterGauge(registry, (ISyncStore)store, logger);
        store.Failure = new OperationCanceledException();

        await Assert.ThrowsAsync<OperationCanceledException>(() => gauge.RefreshAsync(CancellationToken.None));
        Assert.Empty(logger.Warnings);
    }

    private static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A sync store that answers only the dead-letter count, with set counts or a set failure.</summary>
    public class DeadLetterCountStore : DispatchProxy
    {
        public IReadOnlyDictionary<VendorId, long> Counts { get; set; } = new Dictionary<VendorId, long>();

        public Exception? Failure { get; set; }

        public static DeadLetterCountStore Create() => (DeadLetterCountStore)(object)Create<ISyncStore, DeadLetterCountStore>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(ISyncStore.CountPendingDeadLettersAsync) => Failure is null ? Task.FromResult(Counts) : Task.FromException<IReadOnlyDictionary<VendorId, long>>(Failure),
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not part of this test."),
        };
    }

    private sealed class WarningLog : ILogger<DeadLetterGauge>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
