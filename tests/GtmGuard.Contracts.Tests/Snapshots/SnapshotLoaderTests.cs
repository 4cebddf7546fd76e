using GtmGuard.Contracts.Snapshots;
using NJsonSchema;

namespace GtmGuard.Contracts.Tests.Snapshots;

public sealed class SnapshotLoaderTests
{
    public static TheoryData<string> SnapshotFiles() =>
        new(Directory.EnumerateFiles(RepoPaths.Contracts, SnapshotLoader.FilePattern, SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Contracts, f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SnapshotFiles))]
    public async Task EverySnapshot_Loads_AndStatesRequiredFieldsOnItsSuccessBodies(string file)
    {
        var snapshot = await SnapshotLoader.LoadFileAsync(Path.Combine(RepoPaths.Contracts, file));

        Assert.NotEmpty(snapshot.Operations);
        Assert.Contains(snapshot.Vendor, new[] { "hubspot", "salesforce", "outreach", "clay" });
        var successBodies = snapshot.Operations
            .SelectMany(o => o.Responses.Where(r => r.StatusKey.StartsWith('2')).SelectMany(r => r.Content.Values).Concat(o.WebhookName is null ? [] : o.RequestContent.Values))
            .Where(s => s is not null && (s.ActualSchema.Type.HasFlag(JsonObjectType.Object) || s.ActualSchema.Item is not null))
            .ToList();
        Assert.NotEmpty(successBodies);
        Assert.All(successBodies, s => Assert.True(StatesRequiredFields(s!.ActualSchema.Item ?? s), $"{file}: a success body documents no required field"));
    }

    private static bool StatesRequiredFields(JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        return actual.RequiredProperties.Count > 0 || actual.AdditionalPropertiesSchema is not null || actual.OneOf.Any(StatesRequiredFields);
    }

    [Fact]
    public async Task LoadDirectory_FindsEveryVendor_AndBothSalesforceVersions()
    {
        var set = await SnapshotLoader.LoadDirectoryAsync(RepoPaths.Contracts);

        Assert.Equal(["clay", "hubspot", "outreach", "salesforce"], set.Vendors.Order(StringComparer.Ordinal));
        Assert.Equal(["45.0", "62.0"], set.ForVendor("salesforce").Select(s => s.ApiVersion).Order(StringComparer.Ordinal));
        Assert.NotEmpty(set.WebhookSnapshots("hubspot"));
        Assert.NotEmpty(set.WebhookSnapshots("outreach"));
        Assert.NotEmpty(set.WebhookSnapshots("clay"));
    }
}
