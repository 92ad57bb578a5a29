namespace Kueueleuleu.Registry;

/// <summary>
/// A document (manifest, config, credentials, token response) that does not have the shape it must. Raised inside the
/// parsers and always caught at their boundary, where it becomes an error text: it never reaches a user as a stack trace.
/// </summary>
internal sealed class DocumentFormatException : FormatException
{
    public DocumentFormatException(string message)
        : base(message)
    {
    }

    public DocumentFormatException()
    {
    }

    public DocumentFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
