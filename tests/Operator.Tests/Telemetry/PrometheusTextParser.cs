using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Operator.Tests.Telemetry;

/// <summary>One parsed sample line.</summary>
public sealed record ParsedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, independent of the writer: every line must be a HELP, a TYPE,
/// or a sample of the family last typed; label values are unescaped; histogram buckets must be cumulative and end
/// with +Inf equal to _count. Throws <see cref="FormatException"/> naming the line otherwise.
/// </summary>
public static partial class PrometheusTextParser
{
    public sealed record Result(IReadOnlyDictionary<string, string> Types, IReadOnlyDictionary<string, string> Help, IReadOnlyList<ParsedSample> Samples)
    {
        public IEnumerable<ParsedSample> Named(string name) => Samples.Where(s => s.Name == name);

        public double Sum(string name, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
            Named(name).Where(s => where is null || where(s.Labels)).Sum(s => s.Value);
    }

    public static Result Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<ParsedSample>();
        string? family = null;
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (HelpLine().Match(line) is { Success: true } h)
            {
                help[h.Groups[1].Value] = h.Groups[2].Value;
                continue;
            }

            if (TypeLine().Match(line) is { Success: true } t)
            {
                family = t.Groups[1].Value;
                if (!types.TryAdd(family, t.Groups[2].Value))
                {
                    throw new FormatException($"line {lineNumber}: second TYPE for {family}");
                }

                continue;
            }

            var sample = ParseSample(line, lineNumber);
            if (family is null || !BelongsTo(sample.Name, family, types[family]))
            {
                throw new FormatException($"line {lineNumber}: sample {sample.Name} outside its family (last TYPE: {family})");
            }

            samples.Add(sample);
        }

        var result = new Result(types, help, samples);
        CheckHistograms(result);
        return result;
    }

    private static bool BelongsTo(string name, string family, string type) =>
        name == family || (type == "histogram" && (name == family + "_bucket" || name == family + "_sum" || name == family + "_count"));

    private static ParsedSample ParseSample(string line, int lineNumber)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"line {lineNumber}: not a sample: {line}");
        }

        var labels = ParseLabels(match.Groups[2].Value, lineNumber);
        var valueText = match.Groups[3].Value;
        var value = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new ParsedSample(match.Groups[1].Value, labels, value);
    }

    private static Dictionary<string, string> ParseLabels(string text, int lineNumber)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            var name = text[i..equals];
            if (!LabelName().IsMatch(name) || text[equals + 1] != '"')
            {
                throw new FormatException($"line {lineNumber}: bad label near {text[i..]}");
            }

            var value = new StringBuilder();
            var j = equals + 2;
            for (; text[j] != '"'; j++)
            {
                if (text[j] == '\\')
                {
                    j++;
                    value.Append(text[j] switch
                    {
                        'n' => '\n',
                        '\\' => '\\',
                        '"' => '"',
                        _ => throw new FormatException($"line {lineNumber}: bad escape \\{text[j]}"),
                    });
                }
                else
                {
                    value.Append(text[j]);
                }
            }

            if (!labels.TryAdd(name, value.ToString()))
            {
                throw new FormatException($"line {lineNumber}: label {name} repeated");
            }

            i = j + 1;
            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    throw new FormatException($"line {lineNumber}: expected ',' after label {name}");
                }

                i++;
            }
        }

        return labels;
    }

    private static void CheckHistograms(Result result)
    {
        foreach (var (family, _) in result.Types.Where(t => t.Value == "histogram"))
        {
            var bySeries = result.Named(family + "_bucket").GroupBy(s => SeriesKey(s.Labels));
            foreach (var series in bySeries)
            {
                var buckets = series.ToList();
                for (var k = 1; k < buckets.Count; k++)
                {
                    if (buckets[k].Value < buckets[k - 1].Value)
                    {
                        throw new FormatException($"{family}: buckets not cumulative");
                    }
                }

                if (buckets[^1].Labels["le"] != "+Inf")
                {
                    throw new FormatException($"{family}: last bucket is not +Inf");
                }

                var count = result.Named(family + "_count").Single(s => SeriesKey(s.Labels) == series.Key).Value;
                if (count != buckets[^1].Value)
                {
                    throw new FormatException($"{family}: +Inf bucket {buckets[^1].Value} differs from _count {count}");
                }
            }
        }
    }

    private static string SeriesKey(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    [GeneratedRegex(@"^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
