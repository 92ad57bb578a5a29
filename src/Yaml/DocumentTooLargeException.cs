namespace Kueueleuleu.Yaml;

/// <summary>
/// Raised inside the reader when one document spans more than <see cref="ReadLimits.MaxDocumentBytes"/>; never
/// escapes <see cref="ManifestReader"/>, which reports it with the document's number.
/// </summary>
internal sealed class DocumentTooLargeException : Exception
{
    public DocumentTooLargeException()
    {
    }

    public DocumentTooLargeException(string message)
        : base(message)
    {
    }

    public DocumentTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The one-line message for a document over <paramref name="limit"/> bytes.</summary>
    public static string Describe(long limit) =>
        $"is larger than {Size.Describe(limit)}, the limit for one document; split it into several documents (a List into several Lists)";
}
