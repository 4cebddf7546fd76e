using GtmGuard.Observability.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace GtmGuard.Observability.Tests.Compose;

/// <summary>docker-compose.yml as docker-compose 1.29 (Debian) validates and resolves it offline; no engine is needed.</summary>
public sealed class ComposeConfigTests
{
    private const string DockerCompose = "/usr/bin/docker-compose";

    [Fact]
    public async Task ConfigQuiet_ComposeFile_IsValid()
    {
        var result = await ExternalTool.RunAsync(DockerCompose, ["-f", "docker-compose.yml", "config", "-q"]);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public async Task Config_RunsTheStackWithProvisioningMountedFromTheRepository()
    {
        var services = (YamlMappingNode)(await ResolvedConfigAsync())["services"];

        Assert.Equal(["gtmguard", "grafana", "prometheus"], services.Children.Keys.Select(k => k.ToString()).OrderBy(k => k == "gtmguard" ? 0 : 1).ThenBy(k => k, StringComparer.Ordinal));
        Assert.Equal(RepositoryRoot.Path, ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)services["gtmguard"])["build"])["context"]).Value);
        AssertMounts(services, "prometheus", ("prometheus", "/etc/prometheus"));
        AssertMounts(services, "grafana", (Path.Combine("grafana", "provisioning"), "/etc/grafana/provisioning"), (Path.Combine("grafana", "dashboards"), "/etc/grafana/dashboards"));
        Assert.All(services.Children.Values, s => Assert.Equal("host", ((YamlScalarNode)((YamlMappingNode)s)["network_mode"]).Value));
    }

    [Fact]
    public async Task Config_GrafanaAdminPassword_ComesFromAGitIgnoredSecretFile()
    {
        var root = await ResolvedConfigAsync();
        var grafana = (YamlMappingNode)((YamlMappingNode)root["services"])["grafana"];
        var environment = (YamlMappingNode)grafana["environment"];
        var secretFile = ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)root["secrets"])["grafana_admin_password"])["file"]).Value!;

        Assert.False(environment.Children.ContainsKey("GF_SECURITY_ADMIN_PASSWORD"), "a password must not be in the compose file");
        Assert.Equal("/run/secrets/grafana_admin_password", ((YamlScalarNode)environment["GF_SECURITY_ADMIN_PASSWORD__FILE"]).Value);
        Assert.Contains(((YamlSequenceNode)grafana["secrets"]).Cast<YamlMappingNode>(), s => ((YamlScalarNode)s["source"]).Value == "grafana_admin_password");
        Assert.Equal(RepositoryRoot.File("grafana", "secrets", "admin-password"), secretFile);
        var ignored = await ExternalTool.RunAsync("git", ["check-ignore", "-q", secretFile]);
        Assert.True(ignored.ExitCode == 0, "the secret file is not git-ignored: " + ignored.Describe());
    }

    [Fact]
    public async Task ConfigQuiet_WhenTheFileUsesKeysNewerThanCompose129_Fails()
    {
        using var directory = new TempDirectory();
        var file = directory.File("docker-compose.yml");
        var text = await File.ReadAllTextAsync(RepositoryRoot.File("docker-compose.yml"));
        await File.WriteAllTextAsync(file, "include:\n  - other.yml\n" + text);

        var result = await ExternalTool.RunAsync(DockerCompose, ["-f", file, "config", "-q"], directory.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("include", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The compose file as <c>docker-compose config</c> resolves it (paths absolute, defaults filled in).</summary>
    private static async Task<YamlMappingNode> ResolvedConfigAsync()
    {
        var result = await ExternalTool.RunAsync(DockerCompose, ["-f", "docker-compose.yml", "config"]);
        Assert.True(result.ExitCode == 0, result.Describe());
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Output));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Each (repository folder, container path) is a read-only bind mount of an existing folder (v1 prints <c>source:target:mode</c>).</summary>
    private static void AssertMounts(YamlMappingNode services, string service, params (string Source, string Target)[] mounts)
    {
        var volumes = ((YamlSequenceNode)((YamlMappingNode)services[service])["volumes"]).Cast<YamlScalarNode>().Select(v => v.Value!).ToList();
        foreach (var (source, target) in mounts)
        {
            Assert.Contains($"{RepositoryRoot.File(source)}:{target}:ro", volumes);
            Assert.True(Directory.Exists(RepositoryRoot.File(source)), source);
        }
    }
}
