using System.Globalization;
using System.Text;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>
/// Writes metric families in the Prometheus text exposition format 0.0.4
/// (<c>text/plain; version=0.0.4</c>): <c># HELP</c>, <c># TYPE</c>, then one line per sample; histograms as
/// cumulative <c>_bucket{le="…"}</c> lines ending in <c>+Inf</c>, then <c>_sum</c> and <c>_count</c>.
/// </summary>
public static class PrometheusTextWriter
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders the families as one text.</summary>
    /// <param name="families">The families; names must be unique.</param>
    /// <returns>The exposition text, ending with a newline when not empty.</returns>
    public static string Write(IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var text = new StringBuilder();
        foreach (var family in families)
        {
            WriteFamily(text, family);
        }

        return text.ToString();
    }

    /// <summary>Formats a sample value: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The escaped value, without the surrounding quotes.</returns>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Escapes help text: backslash and line feed (quotes stay as they are).</summary>
    /// <param name="help">The raw help text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void WriteFamily(StringBuilder text, MetricFamily family)
    {
        text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
        foreach (var series in family.Series)
        {
            if (family.Type == MetricType.Histogram && series.Histogram is { } histogram)
            {
                WriteHistogram(text, family.Name, series.Labels, histogram);
            }
            else
            {
                WriteSample(text, family.Name, series.Labels, null, series.Value);
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, HistogramData histogram)
    {
        long cumulative = 0;
        for (var i = 0; i < histogram.Bounds.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            WriteSample(text, name + "_bucket", labels, FormatValue(histogram.Bounds[i]), cumulative);
        }

        WriteSample(text, name + "_bucket", labels, "+Inf", histogram.Count);
        WriteSample(text, name + "_sum", labels, null, histogram.Sum);
        WriteSample(text, name + "_count", labels, null, histogram.Count);
    }

    private static void WriteSample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, labelValue) in labels)
            {
                AppendLabel(text, key, labelValue, ref first);
            }

            if (le is not null)
            {
                AppendLabel(text, "le", le, ref first);
            }

            text.Append('}');
        }

        text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static void AppendLabel(StringBuilder text, string key, string value, ref bool first)
    {
        if (!first)
        {
            text.Append(',');
        }

        first = false;
        text.Append(key).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
    }

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => "untyped",
    };
}
