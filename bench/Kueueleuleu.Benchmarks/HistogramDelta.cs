using System.Globalization;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// A Prometheus histogram's growth between two scrapes of a /metrics endpoint: count, mean, and the bucket bound
/// under which a share of the observations fall (a bucket-resolution percentile, an upper bound).
/// </summary>
internal sealed record HistogramDelta(double Count, double Sum, IReadOnlyList<(double Bound, double Count)> Buckets)
{
    /// <summary>The growth of the histogram's series whose labels contain every given <c>key="value"</c>, summed.</summary>
    public static HistogramDelta Between(
        IReadOnlyList<(string Name, string Labels, double Value)> before,
        IReadOnlyList<(string Name, string Labels, double Value)> after,
        string name,
        params string[] labels)
    {
        double Total(IReadOnlyList<(string Name, string Labels, double Value)> m, string suffix) => OperatorUnderTest.Sum(m, name + suffix, labels);
        bool IsBucket((string Name, string Labels, double Value) m) =>
            m.Name == name + "_bucket" && labels.All(l => m.Labels.Contains(l, StringComparison.Ordinal));
        var bounds = after.Where(IsBucket).Select(m => Bound(m.Labels)).Distinct().Order().ToList();
        var buckets = bounds
            .Select(b => (b, after.Where(m => IsBucket(m) && Bound(m.Labels) == b).Sum(m => m.Value)
                - before.Where(m => IsBucket(m) && Bound(m.Labels) == b).Sum(m => m.Value)))
            .ToList();
        return new HistogramDelta(Total(after, "_count") - Total(before, "_count"), Total(after, "_sum") - Total(before, "_sum"), buckets);
    }

    public double MeanMs => Count == 0 ? 0 : Sum / Count * 1000;

    /// <summary>The smallest bucket bound, in ms, at or under which <paramref name="share"/> of the observations fall.</summary>
    public string AtMostMs(double share)
    {
        var bound = Buckets.FirstOrDefault(b => b.Count >= share * Count).Bound;
        return double.IsPositiveInfinity(bound) ? "> last bucket" : string.Create(CultureInfo.InvariantCulture, $"≤ {bound * 1000:0.#} ms");
    }

    private static double Bound(string labels)
    {
        var start = labels.IndexOf("le=\"", StringComparison.Ordinal) + 4;
        var text = labels[start..labels.IndexOf('"', start)];
        return text == "+Inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);
    }
}
