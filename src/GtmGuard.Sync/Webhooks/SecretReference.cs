namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// Where a secret lives: the name of an environment variable or the path of a file (trailing whitespace trimmed).
/// Configuration names the place, never the secret itself; the file wins when both are set.
/// </summary>
public sealed class SecretReference
{
    public string? EnvironmentVariable { get; set; }

    public string? File { get; set; }

    /// <summary>Reads the secret, or explains which setting to fix in terms of <paramref name="settingPath"/>.</summary>
    internal (string? Secret, string? Problem) Resolve(string settingPath)
    {
        if (!string.IsNullOrWhiteSpace(File))
        {
            try
            {
                var text = System.IO.File.ReadAllText(File).TrimEnd();
                return text.Length > 0 ? (text, null) : (null, $"{settingPath}:File '{File}' is empty.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, $"{settingPath}:File '{File}' cannot be read: {ex.Message}");
            }
        }

        if (!string.IsNullOrWhiteSpace(EnvironmentVariable))
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrEmpty(value)
                ? (null, $"{settingPath}:EnvironmentVariable names '{EnvironmentVariable}', which is not set.")
                : (value, null);
        }

        return (null, $"{settingPath} needs an EnvironmentVariable or a File holding the secret.");
    }
}
