using System.Security.Cryptography;
using System.Text;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// The deterministic name of a SequentialJob's Job. The Job controller copies the Job name into the Pods'
/// <c>batch.kubernetes.io/job-name</c> label, whose values are at most 63 characters, so longer names are cut and
/// made unique again with a hash of the whole name.
/// </summary>
internal static class JobNaming
{
    /// <summary>The longest Job name: the limit of a label value.</summary>
    public const int MaxLength = 63;

    /// <summary>Hex digits of the hash appended to a cut name.</summary>
    private const int HashLength = 8;

    /// <summary>
    /// The Job name: the SequentialJob's name when it fits in <see cref="MaxLength"/> characters; otherwise its first
    /// characters, a <c>-</c> and 8 hex digits of the SHA-256 of the whole name (the same name always gives the same
    /// result, two names sharing a long prefix give different ones).
    /// </summary>
    /// <param name="sequentialJobName">The SequentialJob's <c>metadata.name</c>.</param>
    /// <returns>A valid Job name of at most 63 characters.</returns>
    public static string JobName(string sequentialJobName)
    {
        ArgumentNullException.ThrowIfNull(sequentialJobName);
        if (sequentialJobName.Length <= MaxLength)
        {
            return sequentialJobName;
        }

        // A name must end with an alphanumeric character before the '-' we add; trimming keeps that true.
        var prefix = sequentialJobName[..(MaxLength - HashLength - 1)].TrimEnd('-', '.');
        return $"{prefix}-{Hash(sequentialJobName)}";
    }

    /// <summary>
    /// The value of the <c>kueueleuleu.io/sequentialjob</c> label: the SequentialJob's name, shortened like
    /// <see cref="JobName"/> when it is longer than a label value may be. Map such objects back to their SequentialJob
    /// through the <c>kueueleuleu.io/sequentialjob-uid</c> label or owner references.
    /// </summary>
    /// <param name="sequentialJobName">The SequentialJob's <c>metadata.name</c>.</param>
    /// <returns>A valid label value.</returns>
    public static string LabelValue(string sequentialJobName) => JobName(sequentialJobName);

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
}
