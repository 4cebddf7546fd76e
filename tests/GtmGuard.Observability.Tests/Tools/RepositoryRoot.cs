namespace GtmGuard.Observability.Tests.Tools;

/// <summary>Paths of the provisioning files under test, found from the test binary's folder upwards.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "GtmGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GtmGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
