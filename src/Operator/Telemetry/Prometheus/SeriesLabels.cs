using System.Globalization;
using System.Text;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>The label set of one measurement: sanitised names, string values, sorted by name, and a key to group by.</summary>
internal sealed class SeriesLabels
{
    private SeriesLabels(string key, KeyValuePair<string, string>[] labels)
    {
        Key = key;
        Labels = labels;
    }

    /// <summary>A text that is equal for equal label sets.</summary>
    public string Key { get; }

    /// <summary>The labels, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>Builds the label set of a measurement's tags.</summary>
    /// <param name="tags">The tags.</param>
    /// <returns>The label set.</returns>
    public static SeriesLabels From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(PrometheusNames.LabelName(tags[i].Key), Text(tags[i].Value));
        }

        // Tag order is the caller's whim; sorting makes {a,b} and {b,a} one series.
        Array.Sort(labels, (x, y) => string.CompareOrdinal(x.Key, y.Key));
        var key = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            key.Append(name).Append('\0').Append(value).Append('\0');
        }

        return new SeriesLabels(key.ToString(), labels);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
