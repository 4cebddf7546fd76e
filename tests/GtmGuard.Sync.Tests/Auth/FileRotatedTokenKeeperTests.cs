using GtmGuard.Sync.Auth;

namespace GtmGuard.Sync.Tests.Auth;

public sealed class FileRotatedTokenKeeperTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _folder = Directory.CreateTempSubdirectory("gtmguard-token-keeper-").FullName;

    private string TokenFile => Path.Combine(_folder, "outreach.token");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Save_ThenLoad_ReturnsTheTokenForTheSameOriginOnly()
    {
        var keeper = new FileRotatedTokenKeeper(TokenFile);

        await keeper.SaveAsync("rotated-2", "origin-a", default);

        Assert.Equal("rotated-2", await keeper.LoadAsync("origin-a", default));
        Assert.Null(await keeper.LoadAsync("origin-b", default));
    }

    [Fact]
    public async Task Save_OverALeftoverTemporaryFileWithWidePermissions_StillLeavesAnOwnerOnlyFile()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var leftover = TokenFile + ".tmp";
        await File.WriteAllTextAsync(leftover, "half a token");
        File.SetUnixFileMode(leftover, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await new FileRotatedTokenKeeper(TokenFile).SaveAsync("rotated-3", "origin-a", default);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(TokenFile));
        Assert.False(File.Exists(leftover));
    }
}
