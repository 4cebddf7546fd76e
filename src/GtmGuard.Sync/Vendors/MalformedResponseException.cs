namespace GtmGuard.Sync.Vendors;

/// <summary>A 2xx body without the shape the vendor documents; the call ends as ServerError.</summary>
internal sealed class MalformedResponseException : Exception
{
    public MalformedResponseException(string message)
        : base(message)
    {
    }
}
