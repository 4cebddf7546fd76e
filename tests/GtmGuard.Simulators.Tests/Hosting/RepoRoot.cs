namespace GtmGuard.Simulators.Tests.Hosting;

/// <summary>The repository root, found by walking up to GtmGuard.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "GtmGuard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GtmGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
