using System.Text.Json.Nodes;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// A short hash of the part of a SequentialJob spec that is frozen into its Job: everything but <c>retention</c> (the
/// SequentialJob's own, applied live), <c>ttlSecondsAfterFinished</c> (applied live by the operator, see
/// <see cref="JobTtl"/>) and <c>suspend</c> (patched onto the Job). It is stored on the Job (<see cref="Annotation"/>)
/// so that a later spec can be compared with the one the Job was created from, without comparing against the Job's
/// template, which the API server fills with defaults.
/// </summary>
/// <remarks>
/// The hash is of the spec as stored (canonical JSON: keys sorted), not of a typed copy: it is computed for every
/// SequentialJob the cache receives (<see cref="CachedFields.TrimSequentialJob"/>), and reading a spec of a megabyte
/// into types and back would copy it several times per watch event.
/// </remarks>
internal static class SpecFingerprint
{
    /// <summary>The Job annotation holding the fingerprint of the spec it was created from.</summary>
    public const string Annotation = SequentialJobApi.Group + "/spec-hash";

    /// <summary>The spec fields left out of the fingerprint because changing them needs no new Job.</summary>
    private static readonly HashSet<string> LiveFields = new(StringComparer.Ordinal) { "retention", "ttlSecondsAfterFinished", "suspend" };

    /// <summary>The fingerprint of a spec as stored: 16 hex digits of the SHA-256 of its canonical JSON.</summary>
    public static string Of(JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CanonicalJson.Hash(spec, 16, name => !LiveFields.Contains(name));
    }
}
