namespace Kueueleuleu.Yaml;

/// <summary>
/// How much of an input one document may take. Reading streams documents one at a time, so memory follows the
/// largest document; this bound keeps that largest document, and with it memory, finite on any input.
/// </summary>
public sealed record ReadLimits
{
    /// <summary>
    /// The default: 32 MiB, ten times the API server's 3 MiB limit on a request body and twenty times etcd's
    /// 1.5 MiB limit on an object, so any real object fits, and a <c>v1 List</c> of thousands of them does too.
    /// </summary>
    public const long DefaultMaxDocumentBytes = 32L * 1024 * 1024;

    /// <summary>The limits used when none are given.</summary>
    public static ReadLimits Default { get; } = new();

    /// <summary>
    /// The most text one document may span: bytes for JSON, characters for YAML (equal for ASCII text). Blank
    /// lines and comments before a YAML document count toward it.
    /// </summary>
    public long MaxDocumentBytes { get; init; } = DefaultMaxDocumentBytes;

    /// <summary>
    /// The default: 1,000,000 values. A value costs the reader and the converter a few hundred bytes however short
    /// its text (<c>[1,1,1,...]</c> spends two bytes of text per value), so the byte limit alone would let one
    /// document take gigabytes; this keeps the largest document to several hundred MB. A List of about 15,000 Pods
    /// fits.
    /// </summary>
    public const int DefaultMaxDocumentValues = 1_000_000;

    /// <summary>The most values (mappings, lists and scalars, keys not counted) one document may hold.</summary>
    public int MaxDocumentValues { get; init; } = DefaultMaxDocumentValues;
}
