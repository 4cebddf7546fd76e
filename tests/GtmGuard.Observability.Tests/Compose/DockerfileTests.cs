using System.Text.RegularExpressions;
using System.Xml.Linq;
using GtmGuard.Observability.Tests.Tools;

namespace GtmGuard.Observability.Tests.Compose;

/// <summary>The Dockerfile that docker-compose.yml builds (no engine here, so what can be checked without building).</summary>
public sealed partial class DockerfileTests
{
    [Fact]
    public void BuildStage_CopiesEveryProjectTheCommandDependsOn()
    {
        var dockerfile = File.ReadAllText(RepositoryRoot.File("Dockerfile"));
        var buildStage = dockerfile[..dockerfile.IndexOf("\nFROM ", dockerfile.IndexOf("FROM ", StringComparison.Ordinal) + 1, StringComparison.Ordinal)];
        var copied = CopySource().Matches(buildStage).Select(m => m.Groups[1].Value.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);

        var folders = ProjectClosure(RepositoryRoot.File("src", "GtmGuard.Cli", "GtmGuard.Cli.csproj"))
            .Select(project => Path.GetRelativePath(RepositoryRoot.Path, project).Split(Path.DirectorySeparatorChar)[0])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["src", "probes", "simulators", "contracts"], StringComparer.Ordinal), folders);
        Assert.All(folders, folder => Assert.Contains(folder, copied));
        Assert.All(["global.json", "Directory.Build.props", "Directory.Packages.props"], file => Assert.Contains(file, buildStage, StringComparison.Ordinal));
    }

    /// <summary>The project and every project it references, transitively.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^COPY\s+([^\s-][^\s]*)\s+\S+\s*$", RegexOptions.Multiline)]
    private static partial Regex CopySource();
}
