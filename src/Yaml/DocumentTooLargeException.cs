using System.Globalization;

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

    private const string Advice = "split it into several documents (a List into several Lists)";

    /// <summary>The error for a document that spans more than <paramref name="limit"/> bytes.</summary>
    public static DocumentTooLargeException Bytes(long limit) =>
        new($"is larger than {Size.Describe(limit)}, the limit for one document; {Advice}");

    /// <summary>The error for a document that holds more than <paramref name="limit"/> values.</summary>
    public static DocumentTooLargeException Values(int limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"holds more than {limit:N0} values (mappings, lists and scalars), the limit for one document; {Advice}"));
}
