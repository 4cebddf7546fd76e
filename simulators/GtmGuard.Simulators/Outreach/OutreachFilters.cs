using System.Globalization;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// The <c>filter[…]</c> parameters one collection understands: id lists and ranges (<c>1,2,5..9</c>), text lists,
/// array membership (<c>filter[emails]=a@x.com</c>), booleans, and time ranges in both the
/// <c>filter[updatedAt]=2026-01-01..inf</c> and the <c>filter[updatedAt][gte]=…</c> form. Unknown filters are refused.
/// </summary>
internal sealed class OutreachFilters<T>
    where T : IOutreachResource
{
    private const string Prefix = "filter[";
    private static readonly string[] Operators = ["gte", "gt", "lte", "lt"];

    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);

    private enum Kind
    {
        Id,
        Text,
        Texts,
        Flag,
        Time,
    }

    /// <summary>Time fields a collection can be sorted by, besides <c>id</c>.</summary>
    public IReadOnlyDictionary<string, Func<T, long>> SortKeys =>
        _fields.Where(f => f.Value.Kind == Kind.Time)
            .ToDictionary(f => f.Key, f => (Func<T, long>)(item => f.Value.Read(item) is DateTimeOffset time ? time.UtcTicks : long.MinValue), StringComparer.Ordinal);

    public OutreachFilters<T> Id(string name, Func<T, long?> read) => Add(name, Kind.Id, item => read(item));

    public OutreachFilters<T> Text(string name, Func<T, string?> read) => Add(name, Kind.Text, item => read(item));

    public OutreachFilters<T> Texts(string name, Func<T, IEnumerable<string>> read) => Add(name, Kind.Texts, item => read(item));

    public OutreachFilters<T> Flag(string name, Func<T, bool> read) => Add(name, Kind.Flag, item => read(item));

    public OutreachFilters<T> Time(string name, Func<T, DateTimeOffset?> read) => Add(name, Kind.Time, item => read(item));

    /// <summary>Builds the conjunction of every filter in the query; returns an error message for an unknown or unparseable one.</summary>
    public string? TryBuild(OutreachQuery query, out Func<T, bool> predicate)
    {
        var tests = new List<Func<T, bool>>();
        predicate = _ => true;
        foreach (var (key, value) in query.Pairs)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!TryResolve(key, out var field, out var op))
            {
                return $"Unknown filter '{key}'. Filterable here: {string.Join(", ", _fields.Keys.Order(StringComparer.Ordinal))}.";
            }

            var test = field.Kind switch
            {
                Kind.Id => IdTest(field, op, value),
                Kind.Time => TimeTest(field, op, value),
                Kind.Text => TextTest(field, value),
                Kind.Texts => TextsTest(field, value),
                Kind.Flag => FlagTest(field, value),
                _ => null,
            };
            if (test is null)
            {
                return $"Invalid value '{value}' for filter '{key}'.";
            }

            tests.Add(test);
        }

        predicate = item => tests.TrueForAll(test => test(item));
        return null;
    }

    private OutreachFilters<T> Add(string name, Kind kind, Func<T, object?> read)
    {
        _fields[name] = new Field(kind, read);
        return this;
    }

    private bool TryResolve(string key, out Field field, out string? op)
    {
        op = null;
        field = null!;
        if (!key.EndsWith(']'))
        {
            return false;
        }

        var segments = key[Prefix.Length..^1].Split("][");
        if (_fields.TryGetValue(string.Join('.', segments), out field!))
        {
            return true;
        }

        if (segments.Length >= 2 && Operators.Contains(segments[^1]) && _fields.TryGetValue(string.Join('.', segments[..^1]), out field!) && field.Kind is Kind.Time or Kind.Id)
        {
            op = segments[^1];
            return true;
        }

        return false;
    }

    private static Func<T, bool>? IdTest(Field field, string? op, string value)
    {
        var ranges = new List<(long Low, long High)>();
        foreach (var part in op is null ? value.Split(',') : [value])
        {
            if (Range(part, op, ParseId) is not { } range)
            {
                return null;
            }

            ranges.Add((range.Low ?? long.MinValue, range.High ?? long.MaxValue));
        }

        return item => field.Read(item) is long id && ranges.Exists(r => id >= r.Low && id <= r.High);
    }

    private static Func<T, bool>? TimeTest(Field field, string? op, string value)
    {
        if (Range(value, op, ParseTime) is not { } range)
        {
            return null;
        }

        var low = range.Low ?? DateTimeOffset.MinValue;
        var high = range.High ?? DateTimeOffset.MaxValue;
        return item => field.Read(item) is DateTimeOffset time && time >= low && time <= high;
    }

    private static Func<T, bool> TextTest(Field field, string value)
    {
        var wanted = value.Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return item => field.Read(item) is string text && wanted.Contains(text);
    }

    private static Func<T, bool> TextsTest(Field field, string value)
    {
        var wanted = value.Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return item => field.Read(item) is IEnumerable<string> texts && texts.Any(wanted.Contains);
    }

    private static Func<T, bool>? FlagTest(Field field, string value) => bool.TryParse(value, out var wanted)
        ? item => field.Read(item) is bool flag && flag == wanted
        : null;

    /// <summary>An inclusive range from <c>a..b</c> (either end <c>inf</c>/<c>neginf</c>), an operator, or a single value.</summary>
    private static (TValue? Low, TValue? High)? Range<TValue>(string text, string? op, Func<string, TValue?> parse)
        where TValue : struct, IComparable<TValue>
    {
        if (op is not null)
        {
            return parse(text) is not { } bound ? null : op switch
            {
                "gte" => (bound, null),
                // Past the type's last (or before its first) value nothing qualifies: an empty range, low above high.
                "gt" => Next(bound) is { } next ? (next, null) : (bound, Previous(bound)),
                "lte" => (null, bound),
                _ => Previous(bound) is { } previous ? (null, previous) : (Next(bound), bound),
            };
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            return parse(text) is { } single ? (single, single) : null;
        }

        var (lowText, highText) = (text[..dots].Trim(), text[(dots + 2)..].Trim());
        TValue? low = lowText is "neginf" or "" ? null : parse(lowText);
        TValue? high = highText is "inf" or "" ? null : parse(highText);
        var lowOk = low is not null || lowText is "neginf" or "";
        var highOk = high is not null || highText is "inf" or "";
        return lowOk && highOk ? (low, high) : null;
    }

    /// <summary>The next value up, or null at the type's last one.</summary>
    private static TValue? Next<TValue>(TValue value)
        where TValue : struct => Step(value, 1);

    /// <summary>The next value down, or null at the type's first one.</summary>
    private static TValue? Previous<TValue>(TValue value)
        where TValue : struct => Step(value, -1);

    private static TValue? Step<TValue>(TValue value, int by)
        where TValue : struct => value switch
    {
        long id when (by > 0 && id == long.MaxValue) || (by < 0 && id == long.MinValue) => null,
        long id => (TValue)(object)(id + by),
        DateTimeOffset time when (by > 0 && time.UtcTicks >= DateTimeOffset.MaxValue.UtcTicks - 1) || (by < 0 && time.UtcTicks <= DateTimeOffset.MinValue.UtcTicks + 1) => null,
        DateTimeOffset time => (TValue)(object)time.AddTicks(by),
        _ => value,
    };

    private static long? ParseId(string text) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static DateTimeOffset? ParseTime(string text) => OutreachTime.TryParse(text, out var time) ? time : null;

    private sealed record Field(Kind Kind, Func<T, object?> Read);
}
