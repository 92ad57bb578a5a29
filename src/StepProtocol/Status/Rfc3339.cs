using System.Globalization;
using System.Text.RegularExpressions;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>Parses RFC 3339 times as Kubernetes and Go write them, with up to nine fractional digits.</summary>
internal static partial class Rfc3339
{
    /// <summary>The time, or <see langword="null"/> when the text is not an RFC 3339 time.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var match = Shape().Match(text);
        if (!match.Success)
        {
            return null;
        }

        // .NET keeps 7 fractional digits (100 ns ticks); Go writes up to 9, so the rest is cut off.
        var fraction = match.Groups["fraction"].Value;
        var trimmed = match.Groups["seconds"].Value
            + (fraction.Length > 8 ? fraction[..8] : fraction)
            + match.Groups["zone"].Value.ToUpperInvariant();
        return DateTimeOffset.TryParse(
            trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d)(?<fraction>\.\d+)?(?<zone>[Zz]|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
