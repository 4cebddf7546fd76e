namespace GtmGuard.Sync.Auth;

/// <summary>
/// Where a credential lives: an environment variable or a file, never the configuration itself. <see cref="Setting"/>
/// is the configuration path without its <c>Env</c>/<c>File</c> suffix, e.g. <c>Sync:Vendors:HubSpot:ClientSecret</c>.
/// Vendor credentials and webhook secrets alike are read through it.
/// </summary>
internal sealed record SecretReference(string Setting, string? Env, string? File)
{
    public bool IsSet => !string.IsNullOrWhiteSpace(Env) || !string.IsNullOrWhiteSpace(File);

    /// <summary>The secret, trimmed; throws <see cref="TokenRequestException"/> naming the setting when it cannot be read.</summary>
    public string Read() =>
        TryRead(out var value, out var problem)
            ? value
            : throw new TokenRequestException(Resilience.VendorOutcome.Unauthorized, problem);

    /// <summary>Null when the secret can be read; otherwise what is wrong, naming the setting.</summary>
    public string? Problem(string requiredBecause) =>
        !IsSet ? $"{Setting}Env or {Setting}File is required {requiredBecause}." : TryRead(out _, out var problem) ? null : problem;

    /// <summary>The secret for a component that cannot start without it; throws <see cref="InvalidOperationException"/> naming the setting.</summary>
    public string ReadForStartup(string requiredBecause) =>
        Problem(requiredBecause) is { } problem ? throw new InvalidOperationException(problem) : Read();

    /// <summary>Reads the secret; false with what is wrong (naming the setting) when it cannot.</summary>
    public bool TryRead(out string value, out string problem)
    {
        value = string.Empty;
        problem = string.Empty;
        if (!string.IsNullOrWhiteSpace(Env))
        {
            value = Environment.GetEnvironmentVariable(Env)?.Trim() ?? string.Empty;
            problem = $"{Setting}Env names the environment variable '{Env}', which is not set or empty.";
            return value.Length > 0;
        }

        if (string.IsNullOrWhiteSpace(File))
        {
            problem = $"{Setting}Env or {Setting}File is required.";
            return false;
        }

        try
        {
            value = System.IO.File.ReadAllText(File).Trim();
            problem = $"{Setting}File '{File}' is empty.";
            return value.Length > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"{Setting}File '{File}' cannot be read: {ex.Message}";
            return false;
        }
    }
}
