using YamlDotNet.Core;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Remembers <see cref="ScalarStyleChooser.For"/> for the short strings a stream of manifests repeats in every
/// document (keys such as <c>name</c> and <c>image</c>, values such as <c>Never</c>): choosing a style runs two
/// regexes and a scan, and was a tenth of the time of <c>convert</c>. Only short strings are kept and only up to a
/// fixed count, so the cache's memory is bounded whatever the input.
/// </summary>
internal sealed class ScalarStyleCache
{
    /// <summary>Strings longer than this are not kept: they rarely repeat, and keeping them would cost memory.</summary>
    public const int MaxLength = 64;

    /// <summary>At most this many strings are kept; past it, new strings are chosen for each time.</summary>
    public const int MaxEntries = 4096;

    private readonly Dictionary<string, ScalarStyle> _styles = new(StringComparer.Ordinal);

    /// <summary>The style for <paramref name="value"/>, as <see cref="ScalarStyleChooser.For"/> chooses it.</summary>
    public ScalarStyle For(string value)
    {
        if (value.Length > MaxLength)
        {
            return ScalarStyleChooser.For(value);
        }

        if (_styles.TryGetValue(value, out var known))
        {
            return known;
        }

        var style = ScalarStyleChooser.For(value);
        if (_styles.Count < MaxEntries)
        {
            _styles[value] = style;
        }

        return style;
    }
}
