using System.Text;

namespace Kueueleuleu.Cli.Input;

/// <summary>Decodes manifest bytes as strict UTF-8 (a leading byte-order mark is dropped).</summary>
internal static class TextDecoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>, or returns an error message when they are not UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? error)
    {
        var body = bytes.StartsWith(Strict.Preamble) ? bytes[Strict.Preamble.Length..] : bytes;
        try
        {
            text = Strict.GetString(body);
            error = null;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            text = string.Empty;
            error = $"is not valid UTF-8 text (bad byte at offset {e.Index}); save it as UTF-8";
            return false;
        }
    }
}
