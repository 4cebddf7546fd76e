using GtmGuard.Sync.Storage;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Tests.Storage;

public sealed class InboxEventIdIndexTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly TempStore _temp = TempStore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task EveryIdHashingAlike_AnswersStayExact_AndAPurgedRowIsForgotten()
    {
        await using var connection = await OpenMigratedAsync();
        await InsertAsync(connection, ("e1", "applied"), ("e2", "pending"), ("e3", "duplicate"));
        var index = new InboxEventIdIndex((_, _) => 42);

        index.CatchUp(connection);

        Assert.True(index.Contains(connection, "hubspot", "e1"));
        Assert.True(index.Contains(connection, "hubspot", "e2"));
        Assert.True(index.Contains(connection, "hubspot", "e3")); // held by a repeat only
        Assert.False(index.Contains(connection, "hubspot", "e4"));
        Assert.False(index.Contains(connection, "clay", "e1"));
        Assert.True(index.ProcessedElsewhere(connection, "hubspot", "e1", exceptSequence: 99));
        Assert.False(index.ProcessedElsewhere(connection, "hubspot", "e2", exceptSequence: 99));
        Assert.False(index.ProcessedElsewhere(connection, "hubspot", "e3", exceptSequence: 99));
        Assert.False(index.ProcessedElsewhere(connection, "hubspot", "e1", exceptSequence: 1));

        await ExecuteAsync(connection, "DELETE FROM inbox WHERE event_id = 'e1';");

        Assert.False(index.Contains(connection, "hubspot", "e1"));
        Assert.True(index.Contains(connection, "hubspot", "e2"));
    }

    [Fact]
    public async Task CatchUp_FoldsInRowsWrittenElsewhere_AfterTheFirstLoad()
    {
        await using var connection = await OpenMigratedAsync();
        await InsertAsync(connection, ("e1", "pending"));
        var index = new InboxEventIdIndex();
        index.CatchUp(connection);

        await InsertAsync(connection, ("e2", "stale"));
        Assert.False(index.Contains(connection, "hubspot", "e2"));
        index.CatchUp(connection);

        Assert.True(index.Contains(connection, "hubspot", "e1"));
        Assert.True(index.Contains(connection, "hubspot", "e2"));
        await InsertAsync(connection, ("e3", "applied"));
        Assert.True(index.ProcessedAsOfLastCommit(connection, "hubspot", "e3", exceptSequence: null));
    }

    [Fact]
    public async Task Append_AfterABatchThatFailed_ForgetsItsIds_AndSeesARowThatReusedItsSequence()
    {
        var store = _temp.Store;
        await using var other = _temp.Open();
        var refused = TempStore.Event("bad", "contact:2", At) with { Payload = null! };

        await Assert.ThrowsAsync<SqliteException>(() => store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At), refused], default));
        // The rolled-back insert's sequence number is free again: another store's event takes it.
        await other.AppendInboxEventsAsync([TempStore.Event("x", "contact:3", At)], default);
        var again = await store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At), TempStore.Event("x", "contact:3", At)], default);

        Assert.Equal(new InboxAppendResult(1, 1), again);
        Assert.Equal([("x", InboxEventState.Pending), ("e1", InboxEventState.Pending), ("x", InboxEventState.Duplicate)], (await store.ListInboxEventsAsync(new InboxEventFilter(), default)).Select(e => (e.EventId, e.State)));
    }

    [Fact]
    public async Task Append_KnowsIdsThatAnotherStoreOnTheFileAppended_InBothDirections()
    {
        await using var other = _temp.Open();
        await _temp.Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At)], default);

        var fromOther = await other.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At), TempStore.Event("e2", "contact:2", At)], default);
        var back = await _temp.Store.AppendInboxEventsAsync([TempStore.Event("e2", "contact:2", At), TempStore.Event("e3", "contact:3", At)], default);

        Assert.Equal(new InboxAppendResult(1, 1), fromOther);
        Assert.Equal(new InboxAppendResult(1, 1), back);
    }

    [Fact]
    public async Task Append_AfterAPurge_TakesAPurgedIdAsNew_AndStillKnowsTheKeptOnes()
    {
        var store = _temp.Store;
        await store.AppendInboxEventsAsync([TempStore.Event("old", "contact:1", At), TempStore.Event("kept", "contact:2", At)], default);
        var leases = await store.ClaimInboxEventsAsync(1, TimeSpan.FromSeconds(30), default);
        await store.ApplyInboxEventAsync(leases[0], [], default);
        _temp.Clock.Advance(TimeSpan.FromDays(8));

        await store.PurgeSettledAsync(_temp.Clock.GetUtcNow() - TimeSpan.FromDays(7), default);
        var result = await store.AppendInboxEventsAsync([TempStore.Event("old", "contact:1", At), TempStore.Event("kept", "contact:2", At)], default);

        Assert.Equal(new InboxAppendResult(1, 1), result);
    }

    [Fact]
    public async Task Append_AfterAPurgeOfTheFirstRow_StillKnowsAnIdWhoseRepeatIsKept()
    {
        // Applied on day 0, repeated on day 6, purged at 7 days on day 8: the first row goes, the repeat stays.
        var store = _temp.Store;
        await store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At)], default);
        await store.ApplyInboxEventAsync((await store.ClaimInboxEventsAsync(1, TimeSpan.FromSeconds(30), default))[0], [], default);
        _temp.Clock.Advance(TimeSpan.FromDays(6));
        await store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At)], default);
        _temp.Clock.Advance(TimeSpan.FromDays(2));

        await store.PurgeSettledAsync(_temp.Clock.GetUtcNow() - TimeSpan.FromDays(7), default);
        var third = await store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At)], default);

        Assert.Equal(new InboxAppendResult(0, 1), third);
        Assert.Empty(await store.ClaimInboxEventsAsync(10, TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public async Task Append_ReadsPastARowOfAVendorThisBuildDoesNotKnow()
    {
        await using (var connection = await OpenMigratedAsync())
        {
            await ExecuteAsync(connection, """
                INSERT INTO inbox (vendor, event_id, record_key, event_type, occurred_at, payload, received_at, state, next_attempt_at)
                VALUES ('pipedrive', 'p1', 'deal:1', 'deal.updated', 0, '{}', 0, 'pending', 0);
                """);
        }

        var result = await _temp.Store.AppendInboxEventsAsync([TempStore.Event("e1", "contact:1", At), TempStore.Event("e1", "contact:1", At)], default);

        Assert.Equal(new InboxAppendResult(1, 1), result);
    }

    private async Task<SqliteConnection> OpenMigratedAsync()
    {
        await _temp.Store.InitializeAsync(default);
        var connection = new SqliteConnection($"Data Source={_temp.Options.DatabasePath}");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task InsertAsync(SqliteConnection connection, params (string EventId, string State)[] rows)
    {
        foreach (var (eventId, state) in rows)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO inbox (vendor, event_id, record_key, event_type, occurred_at, payload, received_at, state, next_attempt_at)
                VALUES ('hubspot', $id, 'contact:1', 'contact.propertyChange', 0, '{}', 0, $state, 0);
                """;
            command.Parameters.AddWithValue("$id", eventId);
            command.Parameters.AddWithValue("$state", state);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
