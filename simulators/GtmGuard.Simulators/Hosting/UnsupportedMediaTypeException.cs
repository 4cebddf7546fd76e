namespace GtmGuard.Simulators.Hosting;

/// <summary>The request body's content type is not one the operation reads; answered with the vendor's 415.</summary>
public sealed class UnsupportedMediaTypeException : Exception
{
    public UnsupportedMediaTypeException(string contentType)
        : base($"Content type '{contentType}' is not supported.") => ContentType = contentType;

    public UnsupportedMediaTypeException()
    {
        ContentType = string.Empty;
    }

    public UnsupportedMediaTypeException(string message, Exception inner)
        : base(message, inner) => ContentType = string.Empty;

    public string ContentType { get; }
}
