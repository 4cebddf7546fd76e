namespace GtmGuard.Probes.Tests.Dashboard;

/// <summary>Where tests keep files for people to look at: <c>TestResults/artifacts/</c> at the repository root (ignored by git).</summary>
internal static class TestArtifacts
{
    public static string PathFor(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GtmGuard.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? AppContext.BaseDirectory;
        var artifacts = Path.Combine(root, "TestResults", "artifacts");
        Directory.CreateDirectory(artifacts);
        return Path.Combine(artifacts, fileName);
    }
}
