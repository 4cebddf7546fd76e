using System.Buffers;
using System.Text;
using System.Text.Json;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// Settling a claimed batch with one statement per step instead of five per event: the batch travels as one JSON array
/// parameter (<c>[seq, vendor, event_id, record_key, occurred_at]</c> per event) that each statement reads with
/// <c>json_each</c>. Same outcome, event by event, as <see cref="ApplyAsync"/>.
/// </summary>
public sealed partial class SqliteSyncStore
{
    // Per event of the batch, by its index: whether it is still leased by this claim.
    private const string BatchLeaseHeldSql = """
        SELECT j.key, EXISTS (SELECT 1 FROM inbox i WHERE i.seq = j.value ->> 0 AND i.lease_id = $lease AND i.state = 'pending')
        FROM json_each($batch) j;
        """;

    // Hands back the records whose watermark this batch advanced; the others had a newer event already (stale).
    private const string BatchUpsertWatermarksSql = """
        INSERT INTO watermarks (vendor, record_key, occurred_at, event_id, updated_at)
        SELECT value ->> 1, value ->> 3, value ->> 4, value ->> 2, $now FROM json_each($batch) WHERE true
        ON CONFLICT (vendor, record_key) DO UPDATE
            SET occurred_at = excluded.occurred_at, event_id = excluded.event_id, updated_at = excluded.updated_at
            WHERE excluded.occurred_at >= watermarks.occurred_at
        RETURNING vendor, record_key;
        """;

    private const string BatchSettleSql = """
        UPDATE inbox SET state = $state, settled_at = $now, lease_id = NULL, lease_until = NULL
        WHERE seq IN (SELECT value ->> 0 FROM json_each($batch));
        """;

    /// <summary>
    /// True when the set-based settle gives the same result as settling one event after another: one claim, and no two
    /// events of the same record or with the same id (a claim hands out one event per record, so this is the usual case).
    /// </summary>
    private static bool CanSettleAsSet(IReadOnlyList<InboxApplication> applications)
    {
        if (applications.Count < 2)
        {
            return false;
        }

        var leaseId = applications[0].Lease.LeaseId;
        var records = new HashSet<(VendorId, string)>();
        var ids = new HashSet<(VendorId, string)>();
        foreach (var application in applications)
        {
            var e = application.Lease.Event;
            if (application.Lease.LeaseId != leaseId || !records.Add((e.Vendor, e.RecordKey)) || !ids.Add((e.Vendor, e.EventId)))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<InboxSettlement[]> ApplyAsSetAsync(SqliteConnection connection, IReadOnlyList<InboxApplication> applications, long now, CancellationToken cancellationToken)
    {
        var settlements = new InboxSettlement[applications.Count];
        var all = Enumerable.Range(0, applications.Count).ToList();
        var flags = await SqliteCommands.QueryAsync(
            connection,
            BatchLeaseHeldSql,
            r => (Index: r.GetInt32(0), Held: r.GetBoolean(1)),
            cancellationToken,
            ("$batch", BatchJson(applications, all)),
            ("$lease", applications[0].Lease.LeaseId.ToString())).ConfigureAwait(false);

        var duplicates = new List<int>();
        var fresh = new List<int>();
        foreach (var (index, held) in flags)
        {
            var e = applications[index].Lease.Event;
            if (!held)
            {
                settlements[index] = InboxSettlement.LeaseLost;
            }
            else if (_eventIds.ProcessedElsewhere(connection, e.Vendor.Label(), e.EventId, e.Sequence))
            {
                duplicates.Add(index);
            }
            else
            {
                fresh.Add(index);
            }
        }

        await SettleBatchAsync(connection, applications, duplicates, InboxEventState.Duplicate, now, cancellationToken).ConfigureAwait(false);
        foreach (var index in duplicates)
        {
            settlements[index] = InboxSettlement.Duplicate;
        }

        if (fresh.Count == 0)
        {
            return settlements;
        }

        var freshJson = BatchJson(applications, fresh);
        var advanced = (await SqliteCommands.QueryAsync(
            connection,
            BatchUpsertWatermarksSql,
            r => (r.GetString(0), r.GetString(1)),
            cancellationToken,
            ("$batch", freshJson),
            ("$now", now)).ConfigureAwait(false)).ToHashSet();
        var applied = new List<int>(fresh.Count);
        var stale = new List<int>();
        foreach (var index in fresh)
        {
            var e = applications[index].Lease.Event;
            (advanced.Contains((e.Vendor.Label(), e.RecordKey)) ? applied : stale).Add(index);
        }

        await SettleBatchAsync(connection, applications, applied, InboxEventState.Applied, now, cancellationToken).ConfigureAwait(false);
        await SettleBatchAsync(connection, applications, stale, InboxEventState.Stale, now, cancellationToken).ConfigureAwait(false);
        foreach (var index in stale)
        {
            settlements[index] = InboxSettlement.Stale;
        }

        foreach (var index in applied)
        {
            await InsertOutboxAsync(connection, applications[index].Writes, now, cancellationToken).ConfigureAwait(false);
            settlements[index] = InboxSettlement.Applied;
        }

        return settlements;
    }

    private static async Task SettleBatchAsync(SqliteConnection connection, IReadOnlyList<InboxApplication> applications, List<int> indexes, InboxEventState state, long now, CancellationToken cancellationToken)
    {
        if (indexes.Count > 0)
        {
            await SqliteCommands.ExecuteAsync(
                connection,
                BatchSettleSql,
                cancellationToken,
                ("$batch", BatchJson(applications, indexes)),
                ("$state", Label(state)),
                ("$now", now)).ConfigureAwait(false);
        }
    }

    /// <summary>The events at <paramref name="indexes"/> as <c>[[seq, vendor, event_id, record_key, occurred_at], …]</c>.</summary>
    private static string BatchJson(IReadOnlyList<InboxApplication> applications, List<int> indexes)
    {
        var buffer = new ArrayBufferWriter<byte>(indexes.Count * 96);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var index in indexes)
            {
                var e = applications[index].Lease.Event;
                json.WriteStartArray();
                json.WriteNumberValue(e.Sequence);
                json.WriteStringValue(e.Vendor.Label());
                json.WriteStringValue(e.EventId);
                json.WriteStringValue(e.RecordKey);
                json.WriteNumberValue(Ms(e.OccurredAt));
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
