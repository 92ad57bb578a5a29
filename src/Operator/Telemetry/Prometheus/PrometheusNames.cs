using System.Text;

namespace Kueueleuleu.Operator.Telemetry.Prometheus;

/// <summary>
/// Turns OpenTelemetry instrument names and units into Prometheus names, as the OpenTelemetry Prometheus
/// compatibility rules do: invalid characters become <c>_</c>, the unit becomes a suffix (<c>s</c> →
/// <c>_seconds</c>), counters end in <c>_total</c>.
/// </summary>
public static class PrometheusNames
{
    /// <summary>The Prometheus name of an instrument.</summary>
    /// <param name="instrumentName">The instrument name, e.g. <c>kueueleuleu.operator.reconcile.duration</c>.</param>
    /// <param name="unit">The UCUM unit, e.g. <c>s</c>; annotations such as <c>{reconcile}</c> add nothing.</param>
    /// <param name="type">The metric type.</param>
    /// <returns>The name, e.g. <c>kueueleuleu_operator_reconcile_duration_seconds</c>.</returns>
    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = $"{name}_{suffix}";
        }

        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>A valid label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    /// <param name="key">The tag key.</param>
    /// <returns>The label name.</returns>
    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    /// <summary>The suffix for a unit; empty for dimensionless units and annotations.</summary>
    /// <param name="unit">The UCUM unit.</param>
    /// <returns>The suffix without the leading underscore.</returns>
    public static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        _ when unit.StartsWith('{') => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "min" => "minutes",
        "h" => "hours",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        _ => Sanitize(unit, allowColon: false),
    };

    private static string Sanitize(string text, bool allowColon)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            var next = valid ? c : '_';
            // Runs of separators collapse, so "a.-b" reads "a_b".
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
