namespace GtmGuard.Simulators.Chaos;

/// <summary>A scenario or plan that cannot be used; the message names the field and the reason.</summary>
public sealed class ChaosPlanException : Exception
{
    public ChaosPlanException(string message)
        : base(message)
    {
    }

    public ChaosPlanException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ChaosPlanException()
    {
    }
}
