using System.Text.Json.Nodes;
using System.Xml.Linq;
using GtmGuard.Contracts.Tests.Snapshots;

namespace GtmGuard.Contracts.Tests.Cli;

/// <summary><c>gtmguard contracts</c> through the real binary: exit codes, formats and bad input.</summary>
public sealed class ContractsCommandTests
{
    private const string Contact = """{"id":"1","properties":{"email":"a@b.co"},"createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","archived":false}""";

    private static string Captures(params string[] responseBodies)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gtmguard-contracts-tests", "cli-" + Guid.NewGuid().ToString("N"))).FullName;
        for (var i = 0; i < responseBodies.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"capture-{i}.json"), $$"""{"vendor":"hubspot","method":"GET","url":"/crm/v3/objects/contacts/1","status":200,"responseBody":{{responseBodies[i]}}}""");
        }

        return folder;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> CheckAsync(string folder, params string[] extra) =>
        GtmGuardProcess.RunAsync(["contracts", "check", "--snapshots", RepoPaths.Contracts, "--captures", folder, .. extra]);

    [Fact]
    public async Task Check_OfCleanCaptures_ExitsWith0()
    {
        var (exitCode, stdout, _) = await CheckAsync(Captures(Contact));

        Assert.Equal(0, exitCode);
        Assert.Contains("No findings", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithOnlyAdditiveDrift_ExitsWith1_Or0WhenFailingOnBreakingOnly()
    {
        var folder = Captures(Contact.Replace("\"archived\":false", "\"archived\":false,\"newField\":1", StringComparison.Ordinal));

        var (additive, stdout, _) = await CheckAsync(folder);
        var (breakingOnly, _, _) = await CheckAsync(folder, "--fail-on", "breaking");

        Assert.Equal(1, additive);
        Assert.Contains("FieldAdded", stdout, StringComparison.Ordinal);
        Assert.Equal(0, breakingOnly);
    }

    [Fact]
    public async Task Check_WithBreakingDrift_ExitsWith2_AndWritesJson()
    {
        var folder = Captures(Contact.Replace("\"archived\":false", "\"archived\":\"false\"", StringComparison.Ordinal));

        var (exitCode, stdout, _) = await CheckAsync(folder, "--format", "json");
        var (never, _, _) = await CheckAsync(folder, "--fail-on", "never");

        Assert.Equal(2, exitCode);
        Assert.Equal("typeChanged", JsonNode.Parse(stdout)!["findings"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(0, never);
    }

    [Fact]
    public async Task Diff_OfTheSalesforceVersions_ExitsWith2_AndWritesJUnitToAFile()
    {
        var output = Path.Combine(Path.GetTempPath(), "gtmguard-contracts-tests", $"diff-{Guid.NewGuid():N}.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var (exitCode, stdout, _) = await GtmGuardProcess.RunAsync(
            "contracts", "diff", Path.Combine(RepoPaths.Contracts, "salesforce", "v45.0.openapi.json"), Path.Combine(RepoPaths.Contracts, "salesforce", "v62.0.openapi.json"),
            "--format", "junit", "--output", output);
        var failure = XDocument.Load(output).Descendants("testcase").Single(c => c.Attribute("name")!.Value == "sobjects.upsert").Element("failure");

        Assert.Equal(2, exitCode);
        Assert.Contains("1 breaking", stdout, StringComparison.Ordinal);
        Assert.Contains("204 became 200", failure!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_ExitsWith3_WithAMessageNamingIt()
    {
        var badSnapshots = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gtmguard-contracts-tests", "badsnap-" + Guid.NewGuid().ToString("N"), "hubspot")).FullName;
        File.WriteAllText(Path.Combine(badSnapshots, "crm.openapi.json"), "{ nope");
        var emptyHar = Path.Combine(badSnapshots, "empty.har");
        File.WriteAllText(emptyHar, """{"log":{"entries":[]}}""");

        var unreadable = await GtmGuardProcess.RunAsync("contracts", "check", "--snapshots", Path.GetDirectoryName(badSnapshots)!, "--captures", Captures(Contact));
        var empty = await GtmGuardProcess.RunAsync("contracts", "check", "--snapshots", RepoPaths.Contracts, "--har", emptyHar);
        var noSource = await GtmGuardProcess.RunAsync("contracts", "check", "--snapshots", RepoPaths.Contracts);
        var badFormat = await CheckAsync(Captures(Contact), "--format", "yaml");
        // A syntax error is "cannot check" too, never 1 (which would read as additive drift in CI).
        var unknownOption = await CheckAsync(Captures(Contact), "--fail-fast");

        Assert.Equal((3, true), (unreadable.ExitCode, unreadable.Stderr.Contains("crm.openapi.json: is not valid JSON", StringComparison.Ordinal)));
        Assert.Equal((3, true), (empty.ExitCode, empty.Stderr.Contains("no entries", StringComparison.Ordinal)));
        Assert.Equal((3, true), (noSource.ExitCode, noSource.Stderr.Contains("exactly one of", StringComparison.Ordinal)));
        Assert.Equal((3, true), (badFormat.ExitCode, badFormat.Stderr.Contains("yaml", StringComparison.Ordinal)));
        Assert.Equal((3, true), (unknownOption.ExitCode, unknownOption.Stderr.Contains("--fail-fast", StringComparison.Ordinal)));
    }
}
