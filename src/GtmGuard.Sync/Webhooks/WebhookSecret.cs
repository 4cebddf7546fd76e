namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// Reads a webhook secret from where configuration points: <c>{Setting}Env</c> names an environment variable,
/// <c>{Setting}File</c> a file (trimmed). Configuration never holds the secret itself.
/// </summary>
internal static class WebhookSecret
{
    /// <summary>The secret, or what is wrong, naming the setting (<paramref name="setting"/> without its Env/File suffix).</summary>
    public static (string? Secret, string? Problem) Read(string setting, string? env, string? file)
    {
        if (!string.IsNullOrWhiteSpace(env))
        {
            var value = Environment.GetEnvironmentVariable(env)?.Trim();
            return string.IsNullOrEmpty(value) ? (null, $"{setting}Env names the environment variable '{env}', which is not set or empty.") : (value, null);
        }

        if (string.IsNullOrWhiteSpace(file))
        {
            return (null, $"{setting}Env or {setting}File is required (or turn this vendor's intake off with its Enabled setting).");
        }

        try
        {
            var value = File.ReadAllText(file).Trim();
            return value.Length > 0 ? (value, null) : (null, $"{setting}File '{file}' is empty.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"{setting}File '{file}' cannot be read: {ex.Message}");
        }
    }
}
