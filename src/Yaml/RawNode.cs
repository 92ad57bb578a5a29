using YamlDotNet.Core;

namespace Kueueleuleu.Yaml;

/// <summary>
/// The YAML node graph of one document as the parser saw it, before typing: aliases still point at their anchored
/// node, so expansion can be counted and merge keys resolved with full knowledge of the mapping.
/// </summary>
internal abstract class RawNode(TextPosition start)
{
    public TextPosition Start { get; } = start;
}

/// <summary>A scalar with its style and tag, untyped.</summary>
internal sealed class RawScalar(TextPosition start, string value, ScalarStyle style, TagName tag) : RawNode(start)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    public TagName Tag { get; } = tag;

    /// <summary>True for the <c>&lt;&lt;</c> merge key (plain and untagged, or tagged <c>!!merge</c>).</summary>
    public bool IsMergeKey =>
        Value == "<<" && ((Tag.IsEmpty && Style == ScalarStyle.Plain) || (!Tag.IsEmpty && Tag.Value == "tag:yaml.org,2002:merge"));
}

/// <summary>A sequence.</summary>
internal sealed class RawSequence(TextPosition start, List<RawNode> items) : RawNode(start)
{
    public List<RawNode> Items { get; } = items;
}

/// <summary>A mapping with its entries in document order.</summary>
internal sealed class RawMapping(TextPosition start, List<KeyValuePair<RawNode, RawNode>> entries) : RawNode(start)
{
    public List<KeyValuePair<RawNode, RawNode>> Entries { get; } = entries;
}

/// <summary>An alias; <see cref="Target"/> is null when no earlier node carries the anchor.</summary>
internal sealed class RawAlias(TextPosition start, string name, RawNode? target) : RawNode(start)
{
    public string Name { get; } = name;

    public RawNode? Target { get; } = target;
}

/// <summary>One document of a stream: its 1-based number in the stream and its root node.</summary>
internal sealed record RawDocument(int Number, RawNode Root);
