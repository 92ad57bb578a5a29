using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;

namespace Kueueleuleu.ControllerRuntime.Controllers;

/// <summary>Maps a secondary object (a Job, a Pod) to the keys of the primary objects that must be reconciled.</summary>
public static class KeyMappers
{
    /// <summary>The label naming the owning SequentialJob on every Job and Pod the operator creates.</summary>
    public const string SequentialJobLabel = "kueueleuleu.io/sequentialjob";

    /// <summary>
    /// The owner named by a label (same namespace), or else the controller owner reference of the given kind
    /// and API group; nothing when neither is there.
    /// </summary>
    /// <param name="labelKey">The label whose value is the owner's name.</param>
    /// <param name="ownerGroup">The owner's API group (e.g. <c>kueueleuleu.io</c>).</param>
    /// <param name="ownerKind">The owner's kind (e.g. <c>SequentialJob</c>).</param>
    /// <returns>The mapper.</returns>
    public static Func<JsonObject, IEnumerable<ObjectKey>> ByLabelOrController(string labelKey, string ownerGroup, string ownerKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(labelKey);
        ArgumentNullException.ThrowIfNull(ownerGroup);
        ArgumentException.ThrowIfNullOrEmpty(ownerKind);
        return obj =>
        {
            var ns = ObjectMetadata.Namespace(obj) ?? "";
            if (ObjectMetadata.Label(obj, labelKey) is { Length: > 0 } name)
            {
                return [new ObjectKey(ns, name)];
            }

            return ObjectMetadata.ControllerOf(obj) is { } owner
                && string.Equals(owner.Kind, ownerKind, StringComparison.Ordinal)
                && string.Equals(owner.Group, ownerGroup, StringComparison.Ordinal)
                && owner.Name.Length > 0
                ? [new ObjectKey(ns, owner.Name)]
                : [];
        };
    }
}
