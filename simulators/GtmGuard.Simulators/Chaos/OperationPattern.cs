namespace GtmGuard.Simulators.Chaos;

/// <summary>Operation globs: <c>*</c> for all, <c>contacts.*</c> for a family, or an exact name.</summary>
internal static class OperationPattern
{
    public static bool Matches(string pattern, string operation)
    {
        if (pattern == "*")
        {
            return true;
        }

        return pattern.EndsWith('*')
            ? operation.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, operation, StringComparison.OrdinalIgnoreCase);
    }
}
