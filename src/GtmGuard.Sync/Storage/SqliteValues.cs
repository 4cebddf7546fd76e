using System.Collections.Frozen;
using System.Text;
using GtmGuard.Sync.Vendors;
using Microsoft.Data.Sqlite;

namespace GtmGuard.Sync.Storage;

/// <summary>How values are stored: times as Unix milliseconds, vendors by label, enums as snake_case names.</summary>
internal static class SqliteValues
{
    private static readonly FrozenDictionary<string, VendorId> Vendors =
        Enum.GetValues<VendorId>().ToFrozenDictionary(v => v.Label(), StringComparer.Ordinal);

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset Time(SqliteDataReader reader, int ordinal) => Time(reader.GetInt64(ordinal));

    public static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static VendorId Vendor(string label) =>
        Vendors.TryGetValue(label, out var vendor) ? vendor : throw new InvalidDataException($"Unknown vendor '{label}' in the sync store.");

    public static string Label<TEnum>(TEnum value)
        where TEnum : struct, Enum => EnumLabels<TEnum>.ToLabel[value];

    public static TEnum Parse<TEnum>(string label)
        where TEnum : struct, Enum =>
        EnumLabels<TEnum>.FromLabel.TryGetValue(label, out var value) ? value : throw new InvalidDataException($"Unknown {typeof(TEnum).Name} '{label}' in the sync store.");

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static class EnumLabels<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToLabel = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => SnakeCase(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromLabel = ToLabel.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
