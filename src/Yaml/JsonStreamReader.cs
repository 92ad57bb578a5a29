using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Reads one or more concatenated JSON values from a stream, one value at a time: only the value being read is
/// buffered, so memory follows the largest value. Numbers keep their exact text; comments, trailing commas and
/// duplicate property names are errors, reported with line and column (or with the field path for duplicates).
/// </summary>
internal sealed class JsonStreamReader
{
    private const int InitialBuffer = 64 * 1024;

    private static readonly JsonReaderOptions Options = new()
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = RawDocumentParser.MaxDepth,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = RawDocumentParser.MaxDepth,
    };

    private readonly Stream _input;
    private readonly long _maxBytes;
    private readonly int _maxValues;
    private byte[] _buffer = new byte[InitialBuffer];
    private long _bufferOffset;
    private int _start;
    private int _end;
    private bool _endOfInput;
    private JsonReaderState _state = new(Options);
    private int _number;
    private bool _streamListItems;

    private JsonStreamReader(Stream input, long firstOffset, ReadLimits limits)
    {
        _input = input;
        _bufferOffset = firstOffset;
        _maxBytes = limits.MaxDocumentBytes;
        _maxValues = limits.MaxDocumentValues;
    }

    private enum Step
    {
        Value,
        NeedMore,
        End,
    }

    /// <summary>Reads the values of <paramref name="input"/> as they come; never throws on bad input.</summary>
    public static IEnumerable<ReadItem> Read(Stream input, long firstOffset, ReadLimits limits, bool streamListItems)
    {
        var reader = new JsonStreamReader(input, firstOffset, limits) { _streamListItems = streamListItems };
        while (true)
        {
            var (items, more) = reader.Next();
            foreach (var item in items)
            {
                yield return item;
            }

            if (!more)
            {
                yield break;
            }
        }
    }

    // The items of the next value (its document, or its errors); false once the input is done or unreadable.
    private (List<ReadItem> Items, bool More) Next()
    {
        try
        {
            while (true)
            {
                switch (TryValue(out var value))
                {
                    case Step.Value:
                        return (Convert(value), true);
                    case Step.End:
                        return ([], false);
                    default:
                        Fill();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var position = new TextPosition((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            return ([new ReadError(_number + 1, position, null,
                $"{CleanMessage(e.Message)} (input whose first character is {{ or [ is read as JSON; start the file with a comment or --- to have it read as YAML)")], false);
        }
        catch (InputTextException e)
        {
            return ([new ReadError(null, null, null, e.Message)], false);
        }
        catch (DocumentTooLargeException e)
        {
            return ([new ReadError(_number + 1, null, null, e.Message)], false);
        }
    }

    // Finds the next whole value in the buffer. White space before it is dropped (keeping line numbers in the
    // reader's state); a value not yet whole is read again from its start once more bytes are in.
    private Step TryValue(out ReadOnlyMemory<byte> value)
    {
        value = default;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfInput, _state);
        if (!reader.Read())
        {
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            return _endOfInput ? Step.End : Step.NeedMore;
        }

        var tokenStart = (int)reader.TokenStartIndex;
        if (!TrySkipCounting(ref reader))
        {
            return Step.NeedMore;
        }

        var length = (int)reader.BytesConsumed - tokenStart;
        if (length > _maxBytes)
        {
            throw DocumentTooLargeException.Bytes(_maxBytes);
        }

        value = _buffer.AsMemory(_start + tokenStart, length);
        if (!Utf8.IsValid(value.Span))
        {
            throw InputTextException.NotUtf8(_bufferOffset + _start + tokenStart + FirstInvalid(value.Span));
        }

        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        _number++;
        return Step.Value;
    }

    // Like Utf8JsonReader.TrySkip, counting the values on the way so an oversized document fails before it is all in.
    private bool TrySkipCounting(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        var depth = reader.CurrentDepth;
        var values = 1;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == depth:
                    return true;
                case JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName:
                    break;
                default:
                    if (++values > _maxValues)
                    {
                        throw DocumentTooLargeException.Values(_maxValues);
                    }

                    break;
            }
        }

        return false;
    }

    private List<ReadItem> Convert(ReadOnlyMemory<byte> value)
    {
        var errors = new List<ReadError>();
        if (_streamListItems && ConvertList(value, errors) is { } list)
        {
            return [list];
        }

        errors.Clear();
        using var document = JsonDocument.Parse(value, DocumentOptions);
        var root = JsonElementConverter.Convert(document.RootElement, _number, errors);
        return root is not null && errors.Count == 0 ? [new ReadDocument(_number, root)] : [.. errors];
    }

    // A v1 List whose items are converted one at a time as they are enumerated, from a copy of its bytes (the
    // reader's buffer is reused once the stream moves on). Null when it is not a List, or its other fields have
    // errors (it is then converted whole, for every error).
    private ReadDocument? ConvertList(ReadOnlyMemory<byte> value, List<ReadError> errors)
    {
        var document = JsonDocument.Parse(value.ToArray(), DocumentOptions);
        if (!ListShape.IsList(document.RootElement) || JsonElementConverter.Header(document.RootElement, _number, errors) is not { } header || errors.Count > 0)
        {
            document.Dispose();
            return null;
        }

        return new ReadDocument(_number, header) { Items = Items(document, _number) };
    }

    private static IEnumerable<ListItem> Items(JsonDocument document, int number)
    {
        using (document)
        {
            var index = 0;
            foreach (var item in document.RootElement.GetProperty(ListShape.ItemsKey).EnumerateArray())
            {
                var errors = new List<ReadError>();
                var node = JsonElementConverter.Item(item, index, number, errors);
                yield return new ListItem(index++, errors.Count == 0 ? node : null, errors);
            }
        }
    }

    // Reads more bytes, keeping the unread ones; the buffer grows only while one value needs it, up to the limit.
    private void Fill()
    {
        var pending = _end - _start;
        if (pending >= _maxBytes)
        {
            throw DocumentTooLargeException.Bytes(_maxBytes);
        }

        var target = pending == _buffer.Length ? (int)Math.Min(Math.Min((long)_buffer.Length * 2, _maxBytes + 1), Array.MaxLength)
            : pending < InitialBuffer && _buffer.Length > InitialBuffer ? InitialBuffer
            : _buffer.Length;
        var next = target == _buffer.Length ? _buffer : new byte[target];
        _buffer.AsSpan(_start, pending).CopyTo(next);
        _buffer = next;
        _bufferOffset += _start;
        _start = 0;
        _end = pending;
        var read = _input.ReadAtLeast(_buffer.AsSpan(_end), _buffer.Length - _end, throwOnEndOfStream: false);
        _end += read;
        _endOfInput = _end < _buffer.Length;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        Utf8.ToUtf16(bytes, new char[bytes.Length], out var valid, out _, replaceInvalidSequences: false);
        return valid;
    }

    // System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 5." which is 0-based; we print our own.
    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }
}
