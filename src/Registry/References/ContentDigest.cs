using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Kueueleuleu.Registry.References;

/// <summary>
/// A content digest (<c>sha256:&lt;64 hex&gt;</c> or <c>sha512:&lt;128 hex&gt;</c>), the address of a manifest or blob
/// in a registry. Only the two algorithms the OCI image specification registers are accepted: a digest this library
/// cannot recompute could not be verified, and an unverified manifest is exactly what digests exist to prevent.
/// </summary>
public sealed record ContentDigest
{
    private ContentDigest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
    }

    /// <summary>The algorithm, <c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The lowercase hexadecimal hash.</summary>
    public string Encoded { get; }

    /// <summary>Parses a digest.</summary>
    /// <param name="text">The digest as written, for example <c>sha256:0123…</c>.</param>
    /// <param name="digest">The digest, when valid.</param>
    /// <param name="error">Why the text is not a digest, when invalid.</param>
    /// <returns>Whether the text is a supported digest.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ContentDigest? digest, [NotNullWhen(false)] out string? error)
    {
        digest = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "the digest is empty";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"\"{text}\" is not a digest (expected algorithm:hex, such as sha256:<64 hex digits>)";
            return false;
        }

        var algorithm = text[..colon];
        var encoded = text[(colon + 1)..];
        var expectedLength = algorithm switch
        {
            "sha256" => 64,
            "sha512" => 128,
            _ => 0,
        };
        if (expectedLength == 0)
        {
            error = $"\"{text}\" uses the digest algorithm \"{algorithm}\"; only sha256 and sha512 are supported";
            return false;
        }

        if (encoded.Length != expectedLength || !encoded.All(IsLowerHex))
        {
            error = $"\"{text}\" is not a valid {algorithm} digest (expected {expectedLength} lowercase hexadecimal digits)";
            return false;
        }

        digest = new ContentDigest(algorithm, encoded);
        error = null;
        return true;
    }

    /// <summary>Parses a digest, throwing <see cref="FormatException"/> with the reason when invalid.</summary>
    /// <param name="text">The digest as written.</param>
    /// <returns>The digest.</returns>
    public static ContentDigest Parse(string text) =>
        TryParse(text, out var digest, out var error) ? digest : throw new FormatException(error);

    /// <summary>The digest of some bytes with an algorithm.</summary>
    /// <param name="content">The bytes exactly as served.</param>
    /// <param name="algorithm"><c>sha256</c> (the default) or <c>sha512</c>.</param>
    /// <returns>The digest.</returns>
    public static ContentDigest Compute(ReadOnlySpan<byte> content, string algorithm = "sha256")
    {
        var hash = algorithm switch
        {
            "sha256" => SHA256.HashData(content),
            "sha512" => SHA512.HashData(content),
            _ => throw new ArgumentException($"unsupported digest algorithm \"{algorithm}\"", nameof(algorithm)),
        };
        return new ContentDigest(algorithm, Convert.ToHexStringLower(hash));
    }

    /// <summary>Whether some bytes have this digest.</summary>
    /// <param name="content">The bytes exactly as served.</param>
    /// <returns><see langword="true"/> when the hash of the bytes is this digest.</returns>
    public bool Matches(ReadOnlySpan<byte> content) => Compute(content, Algorithm) == this;

    /// <inheritdoc/>
    public override string ToString() => $"{Algorithm}:{Encoded}";

    private static bool IsLowerHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');
}
