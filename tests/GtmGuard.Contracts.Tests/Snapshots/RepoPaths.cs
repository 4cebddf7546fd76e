namespace GtmGuard.Contracts.Tests.Snapshots;

/// <summary>The repository root (found by walking up to GtmGuard.sln) and its contracts folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Contracts => Path.Combine(Root, "contracts");

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GtmGuard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GtmGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
