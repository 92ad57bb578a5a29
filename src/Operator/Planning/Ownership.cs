using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>Who controls an object, by its owner references.</summary>
internal static class Ownership
{
    /// <summary>
    /// Whether <paramref name="obj"/> has an owner reference with <c>controller: true</c> to the object with UID
    /// <paramref name="ownerUid"/>. A name alone proves nothing: a SequentialJob deleted and re-created under the same
    /// name has a new UID, and its predecessor's Job must not be adopted.
    /// </summary>
    public static bool IsControlledBy(JsonObject obj, string? ownerUid) =>
        ownerUid is not null && Controller(obj) is { } owner && JsonRead.Text(owner, "uid") == ownerUid;

    /// <summary>The controller owner reference of <paramref name="obj"/>, if any.</summary>
    public static JsonObject? Controller(JsonObject obj) =>
        JsonRead.Objects(obj, "metadata", "ownerReferences").FirstOrDefault(r => JsonRead.Bool(r, "controller") == true);
}
