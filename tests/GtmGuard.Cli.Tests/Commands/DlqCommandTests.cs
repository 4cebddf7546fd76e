using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Cli.Tests.Commands;

/// <summary><c>gtmguard dlq list</c> and <c>replay</c> as a real process against a store holding one dead-lettered write.</summary>
public sealed class DlqCommandTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtmguard-dlq-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _provider = null!;

    private ISyncStore Store => _provider.GetRequiredService<ISyncStore>();

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sync:Store:Directory"] = _directory }).Build();
        _provider = new ServiceCollection().AddGtmGuardSyncStore(configuration).BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<long> DeadLetterAWriteAsync()
    {
        await Store.EnqueueOutboxAsync([new OutboxWrite("enrichment", VendorId.Salesforce, "records.upsert", "k1", """{"externalId":"a@b.io"}""")], default);
        var lease = Assert.Single(await Store.ClaimOutboxAsync(10, TimeSpan.FromMinutes(1), default));
        var request = new RecordedRequest("PATCH", "composite/sobjects/Lead/External_Id__c", new Dictionary<string, string>(), lease.Item.Payload);
        var response = new RecordedResponse(400, new Dictionary<string, string>(), "REQUIRED_FIELD_MISSING: Company");
        Assert.True(await Store.DeadLetterOutboxAsync(lease, new NewDeadLetter("enrichment", VendorId.Salesforce, "records.upsert", "validation", "REQUIRED_FIELD_MISSING: Company", request, response, 1, DeadLetterSource.Outbox, lease.Item.Id), default));
        return (await Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Single().Id;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = GtmGuardProcess.Start([.. args, "--store", _directory]);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.Stdout, process.Stderr);
    }

    [Fact]
    public async Task List_ShowsTheDeadLetter_AndReplayRequeuesItsWrite_Once()
    {
        var id = await DeadLetterAWriteAsync();

        var list = await RunAsync("dlq", "list");
        var replay = await RunAsync("dlq", "replay", "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var again = await RunAsync("dlq", "replay", "--all");

        Assert.Equal(0, list.Exit);
        Assert.Contains("REQUIRED_FIELD_MISSING", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 dead letter(s)", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, replay.Exit);
        Assert.Contains("1 dead letter(s) re-queued", replay.Stdout, StringComparison.Ordinal);
        Assert.Single(await Store.ListOutboxAsync(OutboxItemState.Pending, 10, default));
        Assert.Contains("0 dead letter(s) re-queued", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WithoutIdOrAll_ExitsWithTwoAndSaysWhy()
    {
        var result = await RunAsync("dlq", "replay");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--id N or --all", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_ExitsWithTwo_NamingIt()
    {
        var result = await RunAsync("dlq", "list", "--newest-first");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--newest-first", result.Stderr, StringComparison.Ordinal);
    }
}
