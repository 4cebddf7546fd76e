using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Clay;

/// <summary>Checks what attributes cannot: unique table and source ids, positive windows, absolute callback URLs.</summary>
internal static class ClayOptionsValidator
{
    public static IReadOnlyList<string> Check(ClayOptions options, string path = "Simulators:Clay")
    {
        var failures = new List<string>();
        Collect(options, path, failures);
        if (options.EnrichmentDelay < TimeSpan.Zero)
        {
            failures.Add($"{path}:EnrichmentDelay must not be negative.");
        }

        if (options.PublicApiPer <= TimeSpan.Zero || options.CallbackTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{path}:PublicApiPer and CallbackTimeout must be positive.");
        }

        if (options.CallbackRetryDelays is { } delays && delays.Any(d => d < TimeSpan.Zero))
        {
            failures.Add($"{path}:CallbackRetryDelays must not be negative.");
        }

        var tables = options.EffectiveTables;
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var at = $"{path}:Tables:{i}";
            Collect(table, at, failures);
            if (table.CallbackPer <= TimeSpan.Zero)
            {
                failures.Add($"{at}:CallbackPer must be positive.");
            }

            if (table.CallbackUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                failures.Add($"{at}:CallbackUrl '{url}' is not an absolute URL.");
            }
        }

        AddDuplicates(tables.Select(t => t.Id), $"{path}:Tables:Id", failures);
        AddDuplicates(tables.Select(t => t.WebhookSourceId), $"{path}:Tables:WebhookSourceId", failures);
        return failures;
    }

    public static void ThrowIfInvalid(ClayOptions options)
    {
        if (Check(options) is { Count: > 0 } failures)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
    }

    private static void AddDuplicates(IEnumerable<string> values, string path, List<string> failures) =>
        failures.AddRange(values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{path}: '{g.Key}' is used more than once."));

    private static void Collect(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
