using System.Diagnostics.CodeAnalysis;

namespace Kueueleuleu.Registry.Manifests;

/// <summary>
/// An operating system, CPU architecture and optional variant (<c>linux/arm64/v8</c>), normalized as containerd does:
/// <c>x86_64</c> is <c>amd64</c>, <c>aarch64</c> is <c>arm64</c>, arm64's variant is <c>v8</c> unless written otherwise
/// and 32-bit arm's is <c>v7</c>. A platform read from an index keeps a missing variant missing, because such an entry
/// is meant for every variant of its architecture.
/// </summary>
public sealed record Platform
{
    private Platform(string os, string architecture, string? variant)
    {
        Os = os;
        Architecture = architecture;
        Variant = variant;
    }

    /// <summary>The operating system (<c>linux</c>).</summary>
    public string Os { get; }

    /// <summary>The CPU architecture, normalized (<c>amd64</c>, <c>arm64</c>, <c>arm</c>, <c>386</c>, …).</summary>
    public string Architecture { get; }

    /// <summary>The variant (<c>v8</c>), or <see langword="null"/> when none applies or none was written.</summary>
    public string? Variant { get; }

    /// <summary>linux/amd64.</summary>
    public static Platform LinuxAmd64 { get; } = Create("linux", "amd64");

    /// <summary>linux/arm64/v8.</summary>
    public static Platform LinuxArm64 { get; } = Create("linux", "arm64");

    /// <summary>A platform to look for, with the architecture's default variant when none is given.</summary>
    /// <param name="os">The operating system.</param>
    /// <param name="architecture">The architecture, in Go's or the kernel's spelling.</param>
    /// <param name="variant">The variant, if any.</param>
    /// <returns>The normalized platform.</returns>
    public static Platform Create(string os, string architecture, string? variant = null)
    {
        var (arch, normalizedVariant) = Normalize(architecture, variant);
        return new Platform(os.ToLowerInvariant(), arch, normalizedVariant ?? DefaultVariant(arch));
    }

    /// <summary>A platform as an index entry states it: a missing variant stays missing.</summary>
    /// <param name="os">The operating system.</param>
    /// <param name="architecture">The architecture.</param>
    /// <param name="variant">The variant, if written.</param>
    /// <returns>The normalized platform.</returns>
    public static Platform FromIndex(string os, string architecture, string? variant)
    {
        var (arch, normalizedVariant) = Normalize(architecture, variant);
        return new Platform(os.ToLowerInvariant(), arch, normalizedVariant);
    }

    /// <summary>Parses <c>os/architecture[/variant]</c>.</summary>
    /// <param name="text">The platform, such as <c>linux/arm64</c>.</param>
    /// <param name="platform">The platform, when valid.</param>
    /// <param name="error">Why the text is not a platform, when invalid.</param>
    /// <returns>Whether the text is a platform.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Platform? platform, [NotNullWhen(false)] out string? error)
    {
        platform = null;
        var parts = (text ?? "").Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(part => part.Length == 0))
        {
            error = $"\"{text}\" is not a platform (expected os/architecture[/variant], such as linux/amd64 or linux/arm64/v8)";
            return false;
        }

        platform = Create(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        error = null;
        return true;
    }

    /// <summary>Parses <c>os/architecture[/variant]</c>, throwing <see cref="FormatException"/> when invalid.</summary>
    /// <param name="text">The platform.</param>
    /// <returns>The platform.</returns>
    public static Platform Parse(string text) =>
        TryParse(text, out var platform, out var error) ? platform : throw new FormatException(error);

    /// <summary>Whether this platform (an index entry's) serves a wanted platform: same OS and architecture, and the same variant unless this one has none.</summary>
    /// <param name="wanted">The platform looked for.</param>
    /// <returns><see langword="true"/> when it serves it.</returns>
    public bool Serves(Platform wanted) =>
        Os == wanted.Os && Architecture == wanted.Architecture && (Variant is null || Variant == wanted.Variant);

    /// <inheritdoc/>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    private static (string Architecture, string? Variant) Normalize(string architecture, string? variant)
    {
        var arch = architecture.ToLowerInvariant();
        var v = string.IsNullOrEmpty(variant) ? null : variant.ToLowerInvariant();
        return arch switch
        {
            "x86_64" or "x86-64" or "amd64" => ("amd64", v == "v1" ? null : v),
            "aarch64" or "arm64" => ("arm64", v is "8" or "v8.0" ? "v8" : v),
            "armhf" => ("arm", "v7"),
            "armel" => ("arm", "v6"),
            "arm" => ("arm", v is "5" or "6" or "7" or "8" ? "v" + v : v),
            "i386" => ("386", v),
            _ => (arch, v),
        };
    }

    private static string? DefaultVariant(string architecture) => architecture switch
    {
        "arm64" => "v8",
        "arm" => "v7",
        _ => null,
    };
}
