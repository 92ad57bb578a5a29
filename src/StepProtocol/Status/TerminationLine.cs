using System.Globalization;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// Reads the entrypoint's termination line, <c>kueueleuleu/2 STEP STATE EXIT STARTED FINISHED MESSAGE</c>, whose
/// fixed fields come first so that the kubelet's cut costs the message before anything else.
/// </summary>
internal static class TerminationLine
{
    private const int FixedFields = 6;

    /// <summary>Whether the text is a termination line (complete or cut), as opposed to the older JSON.</summary>
    public static bool IsOne(string text) => text.StartsWith(EntrypointProtocol.TerminationLinePrefix + " ", StringComparison.Ordinal);

    /// <summary>The fields that survived; <see langword="null"/> when the cut took the state.</summary>
    public static TerminationMessage? Parse(string text)
    {
        // The entrypoint ends the line with a newline: without it, the kubelet cut the message, and a field
        // touching the end may be cut too. The cut may also split a character, which arrives as U+FFFD.
        var complete = text.EndsWith('\n');
        var fields = (complete ? text[..^1] : text.TrimEnd('\uFFFD')).Split(' ', FixedFields + 1);
        string? Whole(int i) => i < fields.Length && (complete || i < fields.Length - 1) ? fields[i] : null;

        if (Whole(1) is not { } step || Whole(2) is not { } state)
        {
            return null;
        }

        return new TerminationMessage(
            step,
            state,
            Whole(3) is { } exit && int.TryParse(exit, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null,
            Rfc3339.Parse(Whole(4)),
            Rfc3339.Parse(Whole(5)),
            MessageOf(fields, complete));
    }

    private static string? MessageOf(string[] fields, bool complete)
    {
        if (fields.Length <= FixedFields || fields[FixedFields].Length == 0)
        {
            return null;
        }

        return complete ? fields[FixedFields] : fields[FixedFields] + "…";
    }
}
