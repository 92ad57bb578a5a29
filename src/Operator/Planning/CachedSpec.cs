using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// What the SequentialJob cache records of a spec it did not keep whole (<see cref="CachedFields.TrimSequentialJob"/>):
/// the fingerprint of its frozen part, so that a later edit is still told from the spec the Job was created from. It
/// travels inside the trimmed spec under <see cref="Key"/>, a name no JobSpec field can have; nothing of the cache is
/// ever written back (a status update ignores the spec).
/// </summary>
/// <param name="Hash">The <see cref="SpecFingerprint"/> of the whole spec.</param>
internal sealed record CachedSpec(string? Hash)
{
    /// <summary>The key of the record in a trimmed spec.</summary>
    public const string Key = "kueueleuleu.io/cached-spec";

    /// <summary>The record of a trimmed spec; <see langword="null"/> for a whole one.</summary>
    public static CachedSpec? Of(JsonObject? spec) =>
        spec?[Key] is JsonObject record ? new CachedSpec(JsonRead.Text(record, "hash")) : null;

    /// <summary>The record as it is stored in the trimmed spec.</summary>
    public JsonObject ToJson() => new() { ["hash"] = Hash };
}
