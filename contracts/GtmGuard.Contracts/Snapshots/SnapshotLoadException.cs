namespace GtmGuard.Contracts.Snapshots;

/// <summary>A snapshot file that can't be used; the message names the file and what is wrong with it.</summary>
public sealed class SnapshotLoadException : Exception
{
    public SnapshotLoadException(string filePath, string reason, Exception? inner = null)
        : base($"{filePath}: {reason}", inner)
    {
        FilePath = filePath;
        Reason = reason;
    }

    public string FilePath { get; }

    public string Reason { get; }
}
