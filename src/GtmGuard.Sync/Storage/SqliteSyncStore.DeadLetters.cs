using System.Text.Json;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;
using static GtmGuard.Sync.Storage.SqliteValues;

namespace GtmGuard.Sync.Storage;

/// <summary>Dead letters: failures with their full (already redacted) request and response.</summary>
public sealed partial class SqliteSyncStore
{
    private const string DeadLetterColumns =
        "id, workflow, vendor, operation, error_type, error_message, request, response, attempts, source, source_id, created_at, replayed_at";

    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    public Task<long> AddDeadLetterAsync(NewDeadLetter deadLetter, CancellationToken cancellationToken) =>
        WriteAsync((connection, now) => InsertDeadLetterAsync(connection, deadLetter, now, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(DeadLetterFilter filter, CancellationToken cancellationToken) =>
        await ReadAsync(
            $"""
            SELECT {DeadLetterColumns} FROM dead_letters
            WHERE ($workflow IS NULL OR workflow = $workflow) AND ($vendor IS NULL OR vendor = $vendor) AND ($replayed = 1 OR replayed_at IS NULL)
            ORDER BY id DESC
            LIMIT $limit;
            """,
            ReadDeadLetter,
            cancellationToken,
            ("$workflow", filter.Workflow),
            ("$vendor", filter.Vendor?.Label()),
            ("$replayed", filter.IncludeReplayed ? 1 : 0),
            ("$limit", filter.Limit)).ConfigureAwait(false);

    public async Task<IReadOnlyDictionary<VendorId, long>> CountPendingDeadLettersAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            "SELECT vendor, COUNT(*) FROM dead_letters WHERE replayed_at IS NULL GROUP BY vendor;",
            r => (Vendor: Vendor(r.GetString(0)), Count: r.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(row => row.Vendor, row => row.Count);
    }

    public async Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync($"SELECT {DeadLetterColumns} FROM dead_letters WHERE id = $id;", ReadDeadLetter, cancellationToken, ("$id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<bool> ReplayDeadLetterAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, now) =>
            {
                var rows = await SqliteCommands.QueryAsync(
                    connection,
                    "SELECT source, source_id FROM dead_letters WHERE id = $id AND replayed_at IS NULL;",
                    r => (Source: Parse<DeadLetterSource>(r.GetString(0)), SourceId: NullableLong(r, 1)),
                    cancellationToken,
                    ("$id", id)).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    return false;
                }

                var (source, sourceId) = rows[0];
                var requeue = source switch
                {
                    DeadLetterSource.Inbox => """
                        UPDATE inbox SET state = 'pending', attempts = 0, next_attempt_at = $now, settled_at = NULL, lease_id = NULL, lease_until = NULL
                        WHERE seq = $source_id AND state = 'failed';
                        """,
                    DeadLetterSource.Outbox => """
                        UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $now, updated_at = $now, lease_id = NULL, lease_until = NULL
                        WHERE id = $source_id AND state = 'failed';
                        """,
                    _ => null,
                };
                if (requeue is not null && sourceId is not null)
                {
                    await SqliteCommands.ExecuteAsync(connection, requeue, cancellationToken, ("$now", now), ("$source_id", sourceId)).ConfigureAwait(false);
                }

                await SqliteCommands.ExecuteAsync(connection, "UPDATE dead_letters SET replayed_at = $now WHERE id = $id;", cancellationToken, ("$now", now), ("$id", id)).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private static async Task<long> InsertDeadLetterAsync(SqliteConnection connection, NewDeadLetter deadLetter, long now, CancellationToken cancellationToken) =>
        (long)(await SqliteCommands.ScalarAsync(
            connection,
            """
            INSERT INTO dead_letters (workflow, vendor, operation, error_type, error_message, request, response, attempts, source, source_id, created_at)
            VALUES ($workflow, $vendor, $operation, $error_type, $error_message, $request, $response, $attempts, $source, $source_id, $now)
            RETURNING id;
            """,
            cancellationToken,
            ("$workflow", deadLetter.Workflow),
            ("$vendor", deadLetter.Vendor.Label()),
            ("$operation", deadLetter.Operation),
            ("$error_type", deadLetter.ErrorType),
            ("$error_message", deadLetter.ErrorMessage),
            ("$request", JsonSerializer.Serialize(deadLetter.Request, MessageJson)),
            ("$response", deadLetter.Response is null ? null : JsonSerializer.Serialize(deadLetter.Response, MessageJson)),
            ("$attempts", deadLetter.Attempts),
            ("$source", Label(deadLetter.Source)),
            ("$source_id", deadLetter.SourceId),
            ("$now", now)).ConfigureAwait(false))!;

    private static DeadLetter ReadDeadLetter(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        Vendor(r.GetString(2)),
        r.GetString(3),
        r.GetString(4),
        NullableString(r, 5),
        JsonSerializer.Deserialize<RecordedRequest>(r.GetString(6), MessageJson)!,
        NullableString(r, 7) is { } response ? JsonSerializer.Deserialize<RecordedResponse>(response, MessageJson) : null,
        r.GetInt32(8),
        Parse<DeadLetterSource>(r.GetString(9)),
        NullableLong(r, 10),
        Time(r, 11),
        NullableTime(r, 12));
}
