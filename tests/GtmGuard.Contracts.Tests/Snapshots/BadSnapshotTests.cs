using GtmGuard.Contracts.Snapshots;

namespace GtmGuard.Contracts.Tests.Snapshots;

public sealed class BadSnapshotTests
{
    private static async Task<SnapshotLoadException> LoadAsync(string json, string name = "bad.openapi.json") =>
        await Assert.ThrowsAsync<SnapshotLoadException>(() => SnapshotLoader.LoadJsonAsync(json, name, "acme"));

    [Fact]
    public async Task InvalidJson_NamesTheFileAndTheLine()
    {
        var error = await LoadAsync("{\n  \"openapi\": \"3.0.3\",\n  oops\n}");

        Assert.StartsWith("bad.openapi.json: is not valid JSON (line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotOpenApi3_IsRefused()
    {
        var error = await LoadAsync("""{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{}}""");

        Assert.Contains("not an OpenAPI 3 document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnresolvableReference_IsRefused_NamingTheFile()
    {
        var error = await LoadAsync("""{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Missing"}}}}}}}}}""");

        Assert.StartsWith("bad.openapi.json: is not a usable OpenAPI document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoOperations_IsRefused()
    {
        var error = await LoadAsync("""{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}""");

        Assert.Contains("no operations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderWithOneBadFile_FailsNamingThatFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gtmguard-contracts-tests", "bad-" + Guid.NewGuid().ToString("N"), "acme")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.openapi.json"), "{ not json");

        var error = await Assert.ThrowsAsync<SnapshotLoadException>(() => SnapshotLoader.LoadDirectoryAsync(Path.GetDirectoryName(folder)!));

        Assert.EndsWith("broken.openapi.json", error.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFolder_IsAClearError()
    {
        var error = await Assert.ThrowsAsync<SnapshotLoadException>(() => SnapshotLoader.LoadDirectoryAsync("/no/such/contracts"));

        Assert.Contains("no such snapshot folder", error.Message, StringComparison.Ordinal);
    }
}
