using System.Buffers;
using System.Text;

namespace Kueueleuleu.Yaml;

/// <summary>
/// The start of an input: a UTF-8 byte-order mark is dropped, and the first character that is not white space
/// decides, as kubectl decides, whether the input is JSON (<c>{</c> or <c>[</c>) or YAML.
/// </summary>
/// <param name="Rest">The input after the byte-order mark, from its first byte (what was looked at is read again).</param>
/// <param name="IsJson">Whether the input is JSON.</param>
/// <param name="FirstOffset">The offset of the first byte of <paramref name="Rest"/> in the input (3 after a mark).</param>
internal sealed record InputStart(Stream Rest, bool IsJson, int FirstOffset)
{
    private const int Chunk = 4096;

    /// <summary>
    /// Looks at the start of <paramref name="input"/>, reading no further than the first character that is not white
    /// space, nor past <paramref name="lookAheadLimit"/> bytes (beyond that the input is taken for YAML, whose reader
    /// then reports the oversized document).
    /// </summary>
    public static InputStart Read(Stream input, long lookAheadLimit)
    {
        var seen = new ArrayBufferWriter<byte>(Chunk);
        var decided = false;
        var isJson = false;
        var position = 0;
        while (!decided && seen.WrittenCount < lookAheadLimit)
        {
            var read = input.Read(seen.GetSpan(Chunk)[..Chunk]);
            seen.Advance(read);
            if (read == 0)
            {
                break;
            }

            (decided, isJson, position) = Decide(seen.WrittenSpan, position);
        }

        var bom = seen.WrittenSpan.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        return new InputStart(new ReplayStream(seen.WrittenMemory[bom..], input), isJson, bom);
    }

    // Walks the characters from position; stops at the first one that is not white space, or where more bytes are needed.
    private static (bool Decided, bool IsJson, int Position) Decide(ReadOnlySpan<byte> bytes, int position)
    {
        if (position == 0 && bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            position = Encoding.UTF8.Preamble.Length;
        }

        while (position < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[position..], out var rune, out var length);
            if (status == OperationStatus.NeedMoreData)
            {
                return (false, false, position);
            }

            if (status != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                return (true, status == OperationStatus.Done && (rune.Value == '{' || rune.Value == '['), position);
            }

            position += length;
        }

        return (false, false, position);
    }
}
