namespace GtmGuard.Simulators.Salesforce.Soql;

/// <summary>SOQL's comparisons: text is case-insensitive, null equals only null and orders against nothing.</summary>
internal static class SoqlValueTests
{
    public static bool AreEqual(object? stored, object? literal) =>
        stored is null || literal is null ? stored is null && literal is null : SalesforceValues.Compare(stored, literal) == 0;

    /// <summary>Null when either side is null: such rows never satisfy &lt;, &gt;, &lt;= or &gt;=.</summary>
    public static int? Compare(object? stored, object? literal) =>
        stored is null || literal is null ? null : SalesforceValues.Compare(stored, literal);
}

/// <summary>ORDER BY over several fields; nulls go first or last per field.</summary>
internal sealed class SoqlRecordComparer : IComparer<SalesforceRecord>
{
    private readonly IReadOnlyList<(SalesforceField Field, bool Descending, bool NullsFirst)> _keys;

    public SoqlRecordComparer(IReadOnlyList<(SalesforceField Field, bool Descending, bool NullsFirst)> keys) => _keys = keys;

    public int Compare(SalesforceRecord? x, SalesforceRecord? y)
    {
        foreach (var (field, descending, nullsFirst) in _keys)
        {
            var a = x?[field.Name];
            var b = y?[field.Name];
            int order;
            if (a is null || b is null)
            {
                order = a is null && b is null ? 0 : (a is null) == nullsFirst ? -1 : 1;
            }
            else
            {
                order = SalesforceValues.Compare(a, b);
                if (descending)
                {
                    order = -order;
                }
            }

            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
