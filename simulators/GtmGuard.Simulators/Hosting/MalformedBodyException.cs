namespace GtmGuard.Simulators.Hosting;

/// <summary>The request body could not be read as the operation expects; answered with the vendor's 400.</summary>
public sealed class MalformedBodyException : Exception
{
    public MalformedBodyException(string message)
        : base(message)
    {
    }

    public MalformedBodyException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public MalformedBodyException()
    {
    }
}
