using System.Globalization;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Types a <see cref="RawDocument"/> into a JSON tree: resolves scalars, expands aliases and merge keys, turns keys
/// into property names and reports duplicate keys. Errors are collected (with line, column and field path) so one
/// run shows all of a document's problems; the alias-expansion budget stops the document at once.
/// </summary>
internal sealed class RawNodeTyper
{
    /// <summary>How many nodes aliases and merge keys may add to one document before it is refused.</summary>
    public const int MaxExpandedNodes = 100_000;

    private readonly int _document;
    private readonly List<ReadError> _errors;
    private int _expansionDepth;
    private int _expandedNodes;

    private RawNodeTyper(int document, List<ReadError> errors)
    {
        _document = document;
        _errors = errors;
    }

    /// <summary>Types <paramref name="document"/>, adding any error to <paramref name="errors"/>.</summary>
    /// <returns>The tree (null for an empty or null document).</returns>
    public static JsonNode? Type(RawDocument document, List<ReadError> errors)
    {
        var typer = new RawNodeTyper(document.Number, errors);
        try
        {
            return typer.Node(document.Root, string.Empty);
        }
        catch (ExpansionLimitException e)
        {
            errors.Add(AliasBomb(document.Number, e.Position));
            return null;
        }
    }

    /// <summary>
    /// Types a <c>v1 List</c> document item by item: the document without its items first, then each item as the
    /// returned items are enumerated, dropping the raw item once typed. Null when the document is not a List whose
    /// items are a plain sequence, or when typing the rest of it found errors (type it whole then, for every error).
    /// </summary>
    public static (JsonObject Header, IEnumerable<ListItem> Items)? TypeList(RawDocument document)
    {
        if (document.Root is not RawMapping root || root.Entries.Any(e => e.Key is RawScalar { IsMergeKey: true }))
        {
            return null;
        }

        var itemsAt = root.Entries.FindIndex(e => e.Key is RawScalar { Value: ListShape.ItemsKey, Tag.IsEmpty: true } && e.Value is RawSequence);
        if (itemsAt < 0)
        {
            return null;
        }

        var sequence = (RawSequence)root.Entries[itemsAt].Value;
        var entries = new List<KeyValuePair<RawNode, RawNode>>(root.Entries);
        entries[itemsAt] = new(entries[itemsAt].Key, new RawSequence(sequence.Start, []));
        var errors = new List<ReadError>();
        var typer = new RawNodeTyper(document.Number, errors);
        if (typer.Node(new RawMapping(root.Start, entries), string.Empty) is not JsonObject header || errors.Count > 0 || !ListShape.IsList(header))
        {
            return null;
        }

        return (header, typer.Items(sequence));
    }

    private IEnumerable<ListItem> Items(RawSequence sequence)
    {
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var (node, bomb) = Item(sequence.Items[i], i);
            // Aliases hold their targets themselves, so a later item never needs this one from the list.
            sequence.Items[i] = null!;
            var errors = _errors.ToList();
            _errors.Clear();
            yield return new ListItem(i, errors.Count == 0 ? node : null, errors);
            if (bomb)
            {
                yield break;
            }
        }
    }

    // The alias budget is the document's: once spent, the rest of the List is not read.
    private (JsonNode? Node, bool Bomb) Item(RawNode item, int index)
    {
        try
        {
            return (Node(item, FieldPath.Index(ListShape.ItemsKey, index)), false);
        }
        catch (ExpansionLimitException e)
        {
            _errors.Add(AliasBomb(_document, e.Position));
            return (null, true);
        }
    }

    private static ReadError AliasBomb(int document, TextPosition position) =>
        new(document, position, null, $"aliases and merge keys expand to more than {MaxExpandedNodes} nodes; this looks like an alias bomb, write the document out instead");

    private JsonNode? Node(RawNode raw, string path)
    {
        if (_expansionDepth > 0 && ++_expandedNodes > MaxExpandedNodes)
        {
            throw new ExpansionLimitException(raw.Start);
        }

        return raw switch
        {
            RawScalar scalar => Scalar(scalar, path),
            RawSequence sequence => Sequence(sequence, path),
            RawMapping mapping => Mapping(mapping, path),
            RawAlias alias => Alias(alias, path),
            _ => throw new InvalidOperationException("unknown YAML node"),
        };
    }

    private JsonValue? Scalar(RawScalar scalar, string path)
    {
        var resolved = ScalarResolver.Resolve(scalar.Value, scalar.Style, scalar.Tag);
        if (resolved.Error is not null)
        {
            Report(scalar, path, resolved.Error);
            return null;
        }

        return resolved.Kind switch
        {
            ScalarKind.Null => null,
            ScalarKind.Boolean => JsonValue.Create(resolved.Text == "true"),
            ScalarKind.Integer or ScalarKind.Float => NumberText.ToNode(resolved.Text),
            _ => JsonValue.Create(resolved.Text),
        };
    }

    private JsonArray Sequence(RawSequence sequence, string path)
    {
        var array = new JsonArray();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            array.Add(Node(sequence.Items[i], FieldPath.Index(path, i)));
        }

        return array;
    }

    private JsonNode? Alias(RawAlias alias, string path)
    {
        if (alias.Target is null)
        {
            Report(alias, path, $"alias *{alias.Name} refers to no earlier anchor &{alias.Name} in this document");
            return null;
        }

        return Expand(alias.Target, path);
    }

    private JsonNode? Expand(RawNode target, string path)
    {
        _expansionDepth++;
        try
        {
            return Node(target, path);
        }
        finally
        {
            _expansionDepth--;
        }
    }

    private JsonObject Mapping(RawMapping mapping, string path)
    {
        var explicitKeys = CollectKeys(mapping, path);
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is RawScalar { IsMergeKey: true })
            {
                Merge(result, explicitKeys, valueNode, FieldPath.Key(path, "<<"));
            }
            else if (explicitKeys.TryGetValue(keyNode, out var key) && !result.ContainsKey(key))
            {
                result[key] = Node(valueNode, FieldPath.Key(path, key));
            }
        }

        return result;
    }

    // Names every non-merge key; duplicates are reported and only their first occurrence is kept.
    private Dictionary<RawNode, string> CollectKeys(RawMapping mapping, string path)
    {
        var names = new Dictionary<RawNode, string>(ReferenceEqualityComparer.Instance);
        var firstSeen = new Dictionary<string, RawNode>(StringComparer.Ordinal);
        foreach (var keyNode in mapping.Entries.Select(entry => entry.Key))
        {
            if (keyNode is RawScalar { IsMergeKey: true } || KeyName(keyNode, path) is not { } name)
            {
                continue;
            }

            if (firstSeen.TryGetValue(name, out var first))
            {
                Report(keyNode, FieldPath.Key(path, name),
                    string.Create(CultureInfo.InvariantCulture, $"duplicate key \"{name}\" (first defined at line {first.Start.Line}); remove one of them"));
                continue;
            }

            firstSeen[name] = keyNode;
            names[keyNode] = name;
        }

        return names;
    }

    private string? KeyName(RawNode keyNode, string path)
    {
        var target = keyNode is RawAlias { Target: { } aliased } ? aliased : keyNode;
        if (target is not RawScalar scalar)
        {
            Report(keyNode, path, "a mapping key must be a string, number or boolean, not a list, mapping or unknown alias");
            return null;
        }

        var resolved = ScalarResolver.Resolve(scalar.Value, scalar.Style, scalar.Tag);
        var name = resolved.Error is null ? KeyText.From(resolved) : null;
        if (name is null)
        {
            Report(keyNode, path, resolved.Error ?? $"the key `{scalar.Value}` reads as null, which JSON cannot use as a key; quote it");
        }

        return name;
    }

    // YAML merge keys: keys written in the mapping itself win, then earlier merge sources win over later ones.
    private void Merge(JsonObject result, Dictionary<RawNode, string> explicitKeys, RawNode value, string path)
    {
        var ownKeys = new HashSet<string>(explicitKeys.Values, StringComparer.Ordinal);
        foreach (var source in MergeSources(value, path))
        {
            if (Expand(source, path) is not JsonObject merged)
            {
                continue;
            }

            foreach (var (key, node) in merged.ToList())
            {
                if (!ownKeys.Contains(key) && !result.ContainsKey(key))
                {
                    merged.Remove(key);
                    result[key] = node;
                }
            }
        }
    }

    private List<RawMapping> MergeSources(RawNode value, string path)
    {
        var candidates = value is RawSequence sequence ? sequence.Items : [value];
        var sources = new List<RawMapping>();
        foreach (var candidate in candidates)
        {
            var target = candidate is RawAlias alias ? alias.Target : candidate;
            if (target is RawMapping mapping)
            {
                sources.Add(mapping);
            }
            else
            {
                Report(candidate, path, "a merge key << needs a mapping, an alias of a mapping, or a list of them");
            }
        }

        return sources;
    }

    private void Report(RawNode node, string path, string message) =>
        _errors.Add(new ReadError(_document, node.Start, path.Length == 0 ? null : path, message));

    private sealed class ExpansionLimitException(TextPosition position) : Exception
    {
        public TextPosition Position { get; } = position;
    }
}
