using System.Globalization;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Operator.Tests.Telemetry;

/// <summary>One metric family as docs/operator.md documents it.</summary>
public sealed record DocumentedFamily(string Name, string Type, IReadOnlySet<string> Labels);

/// <summary>
/// The metric families, their types, label names and histogram buckets, read from the tables of the "Metrics" section
/// of docs/operator.md, so a test can hold the running operator's exposition to what the documentation promises.
/// A family row is <c>| `name` | type | `label` (values), `label` | what |</c>; a bucket row is
/// <c>| `name` | 0.1, 0.5, … |</c>.
/// </summary>
public static partial class MetricsCatalog
{
    public sealed record Catalog(IReadOnlyDictionary<string, DocumentedFamily> Families, IReadOnlyDictionary<string, IReadOnlyList<double>> Buckets, int Rows);

    public static Catalog Read(string markdown)
    {
        var families = new Dictionary<string, DocumentedFamily>(StringComparer.Ordinal);
        var buckets = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var rows = MetricRows(Section(markdown, "## Metrics")).ToList();
        foreach (var cells in rows)
        {
            var name = Backticked().Match(cells[0]).Groups[1].Value;
            if (cells[1] is "counter" or "gauge" or "histogram")
            {
                var labels = Backticked().Matches(cells[2]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
                Add(families, name, new DocumentedFamily(name, cells[1], labels));
            }
            else
            {
                Add(buckets, name, cells[1].Split(',').Select(b => double.Parse(b.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToList());
            }
        }

        return new Catalog(families, buckets, rows.Count);
    }

    /// <summary>The lines of the section, up to the next heading of the same level.</summary>
    public static IReadOnlyList<string> Section(string markdown, string heading)
    {
        var lines = markdown.Split('\n');
        var start = Array.IndexOf(lines, heading);
        if (start < 0)
        {
            throw new FormatException($"no '{heading}' section");
        }

        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The cells of every table row whose first cell names a metric in backticks.</summary>
    public static IEnumerable<string[]> MetricRows(IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray());

    private static void Add<T>(Dictionary<string, T> into, string name, T value)
    {
        if (!into.TryAdd(name, value))
        {
            throw new FormatException($"{name} documented twice");
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
