using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// Thin helpers over parameterised SQLite commands; values are bound, never spliced into SQL. Each connection keeps one
/// command per SQL text, so a statement run again on the same connection (e.g. once per event of a batch in one
/// transaction) is prepared once and only rebound; closing the connection finalises them all.
/// </summary>
internal static class SqliteCommands
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> PreparedCommands = [];

    public static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await Bound(connection, sql, parameters).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

    public static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var value = await Bound(connection, sql, parameters).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var reader = await Bound(connection, sql, parameters).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>The connection's command for <paramref name="sql"/>, created on first use; its parameters are the caller's to set.</summary>
    public static SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        var commands = PreparedCommands.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
#pragma warning disable CA2100 // SQL text is a constant of this assembly; every value is a bound parameter.
            command.CommandText = sql;
#pragma warning restore CA2100
            commands[sql] = command;
        }

        return command;
    }

    /// <summary>The connection's command for <paramref name="sql"/> (created on first use), with <paramref name="parameters"/> bound afresh.</summary>
    private static SqliteCommand Bound(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = Prepared(connection, sql);
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
