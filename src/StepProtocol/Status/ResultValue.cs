using System.Text;

namespace Kueueleuleu.StepProtocol.Status;

/// <summary>
/// Decodes a result value of the termination message: the file's UTF-8 bytes, with <c>%</c>, bytes below 0x21
/// (space included) and 0x7f written as <c>%XX</c> so that a value is one field of one line.
/// </summary>
internal static class ResultValue
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The value; <see langword="null"/> when the text is not a valid encoding of UTF-8 text.</summary>
    public static string? Decode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var decoded = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '%')
            {
                decoded.Add(bytes[i]);
            }
            else if (i + 2 < bytes.Length && Hex(bytes[i + 1]) is { } high && Hex(bytes[i + 2]) is { } low)
            {
                decoded.Add((byte)((high << 4) | low));
                i += 2;
            }
            else
            {
                return null;
            }
        }

        try
        {
            return Strict.GetString([.. decoded]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static int? Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => null,
    };
}
