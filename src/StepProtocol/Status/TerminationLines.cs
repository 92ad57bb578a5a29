using System.Globalization;
using System.Text;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// Reads the termination message of version 3: a header line
/// <c>kueueleuleu/3 STEP STATE EXIT STARTED FINISHED ATTEMPTS RESULTS</c>, then one <c>r NAME SIZE [VALUE]</c> line per
/// reported result and an optional <c>m MESSAGE</c> line, each ending with a newline. The entrypoint fits them into the
/// step's termination budget; should the kubelet still cut them (a budget computed for fewer containers), the line it
/// cut loses its cut field, and nothing is made up.
/// </summary>
internal static class TerminationLines
{
    private const int HeaderFields = 8;

    /// <summary>Whether the text is a version 3 message (complete or cut).</summary>
    public static bool IsOne(string text) => text.StartsWith(EntrypointProtocol.TerminationMessageV3Prefix + " ", StringComparison.Ordinal);

    /// <summary>The fields that survived; <see langword="null"/> when the cut took the state.</summary>
    public static TerminationMessage? Parse(string text)
    {
        // Without a final newline the kubelet cut the text; a character split by the cut arrives as U+FFFD.
        var complete = text.EndsWith('\n');
        var lines = (complete ? text[..^1] : text.TrimEnd('\uFFFD')).Split('\n');
        bool Whole(int line) => complete || line < lines.Length - 1;

        var header = lines[0].Split(' ', HeaderFields + 1);
        string? Field(int i) => i < header.Length && (Whole(0) || i < header.Length - 1) ? header[i] : null;
        if (Field(1) is not { } step || Field(2) is not { } state)
        {
            return null;
        }

        var (attempts, earlier) = Attempts(Field(6));
        var results = new List<StepResult>();
        string? message = null;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("r ", StringComparison.Ordinal) && Result(lines[i], Whole(i)) is { } result)
            {
                results.Add(result);
            }
            else if (lines[i].StartsWith("m ", StringComparison.Ordinal) && lines[i].Length > 2)
            {
                message = Whole(i) ? lines[i][2..] : lines[i][2..] + "…";
            }
        }

        var found = Number(Field(7)) ?? 0;
        return new TerminationMessage(
            step,
            state,
            Number(Field(3)),
            Rfc3339.Parse(Field(4)),
            Rfc3339.Parse(Field(5)),
            message,
            attempts,
            earlier,
            results,
            Math.Max(0, found - results.Count));
    }

    /// <summary>Reads <c>K</c> or <c>K:c1,c2,...</c>; the earlier attempts are exit codes or <c>t</c> (timed out).</summary>
    private static (int? Attempts, IReadOnlyList<string> Earlier) Attempts(string? field)
    {
        if (field is null)
        {
            return (null, []);
        }

        var parts = field.Split(':', 2);
        var earlier = parts.Length == 2 ? parts[1].Split(',') : [];
        if (Number(parts[0]) is not { } attempts || !earlier.All(e => e == "t" || Number(e) is not null))
        {
            return (null, []);
        }

        return (attempts, earlier);
    }

    /// <summary>
    /// Reads <c>r NAME SIZE [VALUE]</c>. A value that is absent did not fit (or was not UTF-8 text): the result is
    /// truncated. A line cut inside its name or size is not a result; it counts as not reported.
    /// </summary>
    private static StepResult? Result(string line, bool whole)
    {
        var parts = line.Split(' ', 4);
        var sizeWhole = parts.Length > 3 || (whole && parts.Length == 3);
        if (parts.Length < 3 || parts[1].Length == 0 || !sizeWhole || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        // An empty file has nothing to cut: its value is the empty text whether or not the field is written.
        var value = parts.Length > 3 && whole ? ResultValue.Decode(parts[3]) : size == 0 ? string.Empty : null;

        // A value of another length than the file is not the file's: better reported missing than wrong.
        if (value is not null && Encoding.UTF8.GetByteCount(value) != size)
        {
            value = null;
        }

        return new StepResult(parts[1], value, size, value is null);
    }

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
