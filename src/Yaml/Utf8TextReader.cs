using System.Buffers;
using System.Text.Unicode;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Decodes a byte stream as strict UTF-8 for the YAML parser, a buffer at a time, so the input is never held whole.
/// It refuses what is not text (invalid UTF-8, NUL, which YamlDotNet would take for the end of the input) and any
/// stretch of more than the window's size since the last <see cref="MarkBoundary"/>: the parser marks each document
/// boundary, so this bounds the text, and with it the memory, one document can take.
/// </summary>
internal sealed class Utf8TextReader : TextReader
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _input;
    private readonly long _window;
    private readonly byte[] _bytes = new byte[BufferSize];
    private readonly char[] _chars = new char[BufferSize];
    private long _bytesOffset;
    private int _byteStart;
    private int _byteEnd;
    private bool _endOfBytes;
    private int _charStart;
    private int _charEnd;
    private long _charsRead;
    private long _windowStart;

    /// <param name="input">The bytes, after any byte-order mark.</param>
    /// <param name="firstOffset">The offset of the first byte of <paramref name="input"/> in the input, for messages.</param>
    /// <param name="window">The most characters between two boundaries.</param>
    public Utf8TextReader(Stream input, long firstOffset, long window)
    {
        _input = input;
        _bytesOffset = firstOffset;
        _window = window;
    }

    /// <summary>Starts a new window at the current position (a document starts or ends here).</summary>
    public void MarkBoundary() => _windowStart = _charsRead;

    public override int Peek() => _charStart < _charEnd || Fill() ? _chars[_charStart] : -1;

    public override int Read()
    {
        if (_charStart == _charEnd && !Fill())
        {
            return -1;
        }

        Take(1);
        return _chars[_charStart++];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_charStart == _charEnd && !Fill()))
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _charEnd - _charStart);
        Take(count);
        _chars.AsSpan(_charStart, count).CopyTo(buffer);
        _charStart += count;
        return count;
    }

    private void Take(int count)
    {
        _charsRead += count;
        if (_charsRead - _windowStart > _window)
        {
            throw DocumentTooLargeException.Bytes(_window);
        }
    }

    // Decodes the next buffer of characters; false at the end of the input.
    private bool Fill()
    {
        while (true)
        {
            var status = Utf8.ToUtf16(_bytes.AsSpan(_byteStart, _byteEnd - _byteStart), _chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: _endOfBytes);
            if (status == OperationStatus.InvalidData)
            {
                throw InputTextException.NotUtf8(_bytesOffset + _byteStart + read);
            }

            _byteStart += read;
            _charStart = 0;
            _charEnd = written;
            if (written > 0)
            {
                return true;
            }

            if (_endOfBytes)
            {
                return false;
            }

            ReadBytes();
        }
    }

    private void ReadBytes()
    {
        // Keeps the bytes of a character split across reads.
        var left = _byteEnd - _byteStart;
        _bytes.AsSpan(_byteStart, left).CopyTo(_bytes);
        _bytesOffset += _byteStart;
        _byteStart = 0;
        _byteEnd = left;
        var read = _input.Read(_bytes, left, _bytes.Length - left);
        var nul = _bytes.AsSpan(left, read).IndexOf((byte)0);
        if (nul >= 0)
        {
            throw InputTextException.NulByte(_bytesOffset + left + nul);
        }

        _byteEnd += read;
        _endOfBytes = read == 0;
    }
}
