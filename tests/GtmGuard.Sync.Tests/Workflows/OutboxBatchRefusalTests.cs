using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Tests.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Workflows;
using GtmGuard.Sync.Workflows.Outbox;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>A vendor that refuses a whole batch for one invalid record: only that record may end as a dead letter.</summary>
public sealed class OutboxBatchRefusalTests : IAsyncLifetime
{
    private readonly TempStore _temp = TempStore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Theory]
    [InlineData(true, 1, 5)]   // 4 writes, refused together, then in halves: [4] → [2][2] → [1][1]
    [InlineData(false, 4, 1)]  // a vendor that answers per record is not sent again
    public async Task OneInvalidWrite_IsDeadLetteredAlone_WhenTheVendorRefusesWholeBatches(bool rejectsWholeBatch, int deadLettered, int calls)
    {
        var operation = new AllOrNothingOperation(rejectsWholeBatch);
        var sender = new OutboxSender(_temp.Store, [operation], Options.Create(new WorkflowOptions()), _temp.Clock, NullLogger<OutboxSender>.Instance);
        await _temp.Store.EnqueueOutboxAsync(
            [.. new[] { "a", "bad", "c", "d" }.Select(k => new OutboxWrite("test", VendorId.HubSpot, AllOrNothingOperation.Name, k, $$"""{"key":"{{k}}"}"""))],
            default);

        await sender.SendOnceAsync(default);

        Assert.Equal(deadLettered, (await _temp.Store.ListDeadLettersAsync(new DeadLetterFilter(), default)).Count);
        Assert.Equal(calls, operation.Calls);
        if (rejectsWholeBatch)
        {
            Assert.Equal(["a", "c", "d"], (await _temp.Store.ListOutboxAsync(OutboxItemState.Completed, 10, default)).Select(i => i.IdempotencyKey).Order());
        }
    }

    /// <summary>Refuses every write of a call that holds the invalid one, as HubSpot's batch upsert answers one 400.</summary>
    private sealed class AllOrNothingOperation(bool rejectsWholeBatch) : IOutboxOperation
    {
        public const string Name = "things.upsert";

        public int Calls;

        public VendorId Vendor => VendorId.HubSpot;

        public string Operation => Name;

        public bool RejectsWholeBatch => rejectsWholeBatch;

        public Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            var refused = items.Any(i => i.IdempotencyKey == "bad");
            var request = new RecordedRequest("POST", "things/batch", new Dictionary<string, string>(), null);
            return Task.FromResult<IReadOnlyList<OutboxResult>>(
                [.. items.Select(i => new OutboxResult(i.Id, refused ? VendorOutcome.Validation : VendorOutcome.Success, request, refused ? 400 : 200, refused ? "Property values were not valid" : null))]);
        }
    }
}
