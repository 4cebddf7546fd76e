namespace GtmGuard.Contracts.Recordings;

/// <summary>A recording that can't be used at all (missing, not JSON, an empty HAR); the message names it.</summary>
public sealed class RecordingException : Exception
{
    public RecordingException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
