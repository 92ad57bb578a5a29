using System.Globalization;
using System.Text;

namespace Kueueleuleu.CrdGen;

/// <summary>A short line diff between a committed file and its generated text, for the <c>--check</c> message.</summary>
internal static class LineDiff
{
    /// <summary>The changed lines as <c>-N: old</c> / <c>+N: new</c>, at most <paramref name="limit"/> of them.</summary>
    public static string Describe(string committed, string generated, int limit = 40)
    {
        var before = committed.Split('\n');
        var after = generated.Split('\n');
        var changes = Changes(before, after);
        var text = new StringBuilder();
        foreach (var change in changes.Take(limit))
        {
            text.Append(change).Append('\n');
        }

        if (changes.Count > limit)
        {
            text.Append(CultureInfo.InvariantCulture, $"... and {changes.Count - limit} more changed lines\n");
        }

        return text.ToString();
    }

    /// <summary>The removed and added lines along a longest common subsequence of lines.</summary>
    private static List<string> Changes(string[] before, string[] after)
    {
        // Suffix LCS lengths; the files are a few hundred lines, so the quadratic table is small.
        var lcs = new int[before.Length + 1, after.Length + 1];
        for (var i = before.Length - 1; i >= 0; i--)
        {
            for (var j = after.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(before[i], after[j], StringComparison.Ordinal)
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var changes = new List<string>();
        int x = 0, y = 0;
        while (x < before.Length || y < after.Length)
        {
            if (x < before.Length && y < after.Length && string.Equals(before[x], after[y], StringComparison.Ordinal))
            {
                x++;
                y++;
            }
            else if (y < after.Length && (x == before.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"+{y + 1}: {after[y]}"));
                y++;
            }
            else
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"-{x + 1}: {before[x]}"));
                x++;
            }
        }

        return changes;
    }
}
