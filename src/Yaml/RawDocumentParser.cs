using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Turns YamlDotNet's parser events into <see cref="RawDocument"/>s. Anchors are document-scoped and registered
/// only once their node is complete, so an alias can never point into its own ancestor (no cycles).
/// </summary>
internal sealed partial class RawDocumentParser
{
    /// <summary>Deeper nesting is refused: no real manifest comes close, and recursion must stay bounded.</summary>
    public const int MaxDepth = 256;

    private readonly Parser _parser;
    private readonly Utf8TextReader _text;
    private readonly ReadLimits _limits;
    private readonly Dictionary<string, RawNode> _anchors = new(StringComparer.Ordinal);
    private TextPosition _lastPosition = new(1, 1);
    private bool _betweenDocuments = true;
    private bool _started;
    private int _values;

    private RawDocumentParser(Utf8TextReader text, ReadLimits limits)
    {
        _text = text;
        _limits = limits;
        _parser = new Parser(text);
    }

    /// <summary>The number of the document being parsed, for error messages.</summary>
    public int CurrentDocument { get; private set; }

    /// <summary>
    /// Parses the documents of <paramref name="text"/> one at a time, as the caller asks for them. Parsing stops at
    /// the first syntax error (or unreadable text, or oversized document), which comes last.
    /// </summary>
    public static IEnumerable<(RawDocument? Document, ReadError? Error)> Parse(Utf8TextReader text, ReadLimits limits)
    {
        var reader = new RawDocumentParser(text, limits);
        while (reader.Next() is var (document, error) && (document is not null || error is not null))
        {
            yield return (document, error);
            if (error is not null)
            {
                yield break;
            }
        }
    }

    // The next document, or the error that ends the stream, or neither at its end.
    private (RawDocument? Document, ReadError? Error) Next()
    {
        try
        {
            return (NextDocument(), null);
        }
        catch (YamlException e)
        {
            return (null, new ReadError(Math.Max(1, CurrentDocument), ToPosition(e.Start), null, CleanMessage(e.Message)));
        }
        catch (YamlSyntaxException e)
        {
            return (null, new ReadError(Math.Max(1, CurrentDocument), e.Position, null, e.Message));
        }
        catch (InputTextException e)
        {
            return (null, new ReadError(null, null, null, e.Message));
        }
        catch (DocumentTooLargeException e)
        {
            var document = CurrentDocument + (_betweenDocuments ? 1 : 0);
            return (null, new ReadError(document, null, null, e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this for some unterminated flow collections instead of a YamlException.
            return (null, new ReadError(Math.Max(1, CurrentDocument), _lastPosition, null,
                "unexpected end of input: a flow collection ([...] or {...}) or quoted string is not closed"));
        }
    }

    private static TextPosition ToPosition(Mark mark) => new((int)mark.Line, (int)mark.Column);

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (Line: ...): "; we print our own position.
    private static string CleanMessage(string message) => PositionPrefix().Replace(message, string.Empty).Trim();

    private RawDocument? NextDocument()
    {
        if (!_started)
        {
            _parser.Consume<StreamStart>();
            _started = true;
        }

        if (_parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        CurrentDocument++;
        _anchors.Clear();
        _values = 0;
        _parser.Consume<DocumentStart>();
        _text.MarkBoundary();
        _betweenDocuments = false;
        var root = ParseNode(0);
        _parser.Consume<DocumentEnd>();
        _text.MarkBoundary();
        _betweenDocuments = true;
        return new RawDocument(CurrentDocument, root);
    }

    // Keys are not counted as values: the limit counts what JSON counts.
    private RawNode ParseNode(int depth, bool isKey = false)
    {
        if (depth > MaxDepth)
        {
            throw new YamlSyntaxException(ToPosition(_parser.Current!.Start), $"nesting is deeper than {MaxDepth} levels");
        }

        if (!isKey && ++_values > _limits.MaxDocumentValues)
        {
            throw DocumentTooLargeException.Values(_limits.MaxDocumentValues);
        }

        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            _anchors.TryGetValue(alias.Value.Value, out var target);
            return new RawAlias(ToPosition(alias.Start), alias.Value.Value, target);
        }

        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            return Register(scalar.Anchor, new RawScalar(ToPosition(scalar.Start), scalar.Value, scalar.Style, scalar.Tag));
        }

        if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            return Register(sequenceStart.Anchor, ParseSequence(sequenceStart, depth));
        }

        var mappingStart = _parser.Consume<MappingStart>();
        return Register(mappingStart.Anchor, ParseMapping(mappingStart, depth));
    }

    private RawSequence ParseSequence(SequenceStart start, int depth)
    {
        var items = new List<RawNode>();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ParseNode(depth + 1));
        }

        return new RawSequence(ToPosition(start.Start), items);
    }

    private RawMapping ParseMapping(MappingStart start, int depth)
    {
        var entries = new List<KeyValuePair<RawNode, RawNode>>();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var key = ParseNode(depth + 1, isKey: true);
            var value = ParseNode(depth + 1);
            entries.Add(new KeyValuePair<RawNode, RawNode>(key, value));
        }

        return new RawMapping(ToPosition(start.Start), entries);
    }

    private RawNode Register(AnchorName anchor, RawNode node)
    {
        _lastPosition = node.Start;
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }

        return node;
    }

    [GeneratedRegex(@"^(\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*)", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();
}
