using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kueueleuleu.Registry.Manifests;

/// <summary>
/// The parts of an image config that decide what a container runs. <see langword="null"/> and an empty list differ:
/// <c>null</c> means the image does not set the field, empty means it set it to nothing (<c>ENTRYPOINT []</c>); the
/// kubelet's result is the same for both, but the difference is kept for readers and messages.
/// </summary>
/// <param name="Entrypoint">The image's ENTRYPOINT (<c>config.Entrypoint</c>).</param>
/// <param name="Cmd">The image's CMD (<c>config.Cmd</c>).</param>
/// <param name="WorkingDir">The image's WORKDIR (<c>config.WorkingDir</c>), or <see langword="null"/> when unset or empty.</param>
public sealed record ImageConfig(IReadOnlyList<string>? Entrypoint, IReadOnlyList<string>? Cmd, string? WorkingDir)
{
    /// <summary>Value equality over the lists' items, so that two reads of one config compare equal.</summary>
    /// <param name="other">The other config.</param>
    /// <returns><see langword="true"/> when the fields are equal item by item.</returns>
    public bool Equals(ImageConfig? other) =>
        other is not null
        && SameItems(Entrypoint, other.Entrypoint)
        && SameItems(Cmd, other.Cmd)
        && WorkingDir == other.WorkingDir;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Entrypoint?.Count, Cmd?.Count, WorkingDir);

    /// <summary>The fields as a Dockerfile would write them, unset ones left out.</summary>
    /// <returns>For example <c>ENTRYPOINT ["/bin/echo"] CMD ["hi"]</c>.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Entrypoint is not null)
        {
            parts.Add("ENTRYPOINT " + Json(Entrypoint));
        }

        if (Cmd is not null)
        {
            parts.Add("CMD " + Json(Cmd));
        }

        if (WorkingDir is not null)
        {
            parts.Add("WORKDIR " + WorkingDir);
        }

        return parts.Count == 0 ? "(no ENTRYPOINT, CMD or WORKDIR)" : string.Join(' ', parts);
    }

    private static string Json(IReadOnlyList<string> items) =>
        "[" + string.Join(", ", items.Select(item => $"\"{JsonEncodedText.Encode(item, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"")) + "]";

    private static bool SameItems(IReadOnlyList<string>? left, IReadOnlyList<string>? right) =>
        left is null ? right is null : right is not null && left.SequenceEqual(right, StringComparer.Ordinal);
}
