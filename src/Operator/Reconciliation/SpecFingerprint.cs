using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Entities;
using Kueueleuleu.Entities.Json;

namespace Kueueleuleu.Operator.Reconciliation;

/// <summary>
/// A short hash of the part of a SequentialJob spec that is frozen into its Job: everything but <c>retention</c> (the
/// SequentialJob's own, applied live), <c>ttlSecondsAfterFinished</c> (applied live by the operator, see
/// <see cref="JobTtl"/>) and <c>suspend</c> (patched onto the Job). It is stored on the Job
/// (<see cref="Annotation"/>) so that a later spec can be compared with the one the Job was created from, without
/// comparing against the Job's template, which the API server fills with defaults.
/// </summary>
internal static class SpecFingerprint
{
    /// <summary>The Job annotation holding the fingerprint of the spec it was created from.</summary>
    public const string Annotation = SequentialJobApi.Group + "/spec-hash";

    /// <summary>The spec fields left out of the fingerprint because changing them needs no new Job.</summary>
    private static readonly string[] LiveFields = ["retention", "ttlSecondsAfterFinished", "suspend"];

    /// <summary>The fingerprint: 16 hex digits of the SHA-256 of the canonical JSON.</summary>
    public static string Of(SequentialJobSpec spec)
    {
        var json = JsonSerializer.SerializeToNode(spec, SequentialJobJson.Spec)!.AsObject();
        foreach (var field in LiveFields)
        {
            json.Remove(field);
        }

        return CanonicalJson.Hash(json, 16);
    }
}
