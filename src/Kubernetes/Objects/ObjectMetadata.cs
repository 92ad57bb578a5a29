using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Kubernetes.Objects;

/// <summary>Reads the <c>metadata</c> fields the runtime needs from an untyped object.</summary>
public static class ObjectMetadata
{
    /// <summary>The <c>metadata.name</c>, or null.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The name.</returns>
    public static string? Name(JsonObject obj) => Text(obj, "name");

    /// <summary>The <c>metadata.namespace</c>, or null.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The namespace.</returns>
    public static string? Namespace(JsonObject obj) => Text(obj, "namespace");

    /// <summary>The <c>metadata.resourceVersion</c>, or null.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The resource version.</returns>
    public static string? ResourceVersion(JsonObject obj) => Text(obj, "resourceVersion");

    /// <summary>The <c>metadata.uid</c>, or null.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The UID.</returns>
    public static string? Uid(JsonObject obj) => Text(obj, "uid");

    /// <summary>One label's value, or null when the label is absent.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="key">The label key.</param>
    /// <returns>The value.</returns>
    public static string? Label(JsonObject obj, string key)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonRead.Text(obj, "metadata", "labels", key);
    }

    /// <summary>The owner reference with <c>controller: true</c>, if any.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The controller's reference, or null.</returns>
    public static OwnerReference? ControllerOf(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var controller = JsonRead.Objects(obj, "metadata", "ownerReferences").FirstOrDefault(r => JsonRead.Bool(r, "controller") == true);
        return controller is null ? null : new OwnerReference(
            JsonRead.Text(controller, "apiVersion") ?? "",
            JsonRead.Text(controller, "kind") ?? "",
            JsonRead.Text(controller, "name") ?? "",
            JsonRead.Text(controller, "uid") ?? "");
    }

    /// <summary>
    /// Removes <c>metadata.managedFields</c>: server-side-apply bookkeeping that the operator never reads and that
    /// is often larger than the rest of the object.
    /// </summary>
    /// <param name="obj">The object, changed in place.</param>
    public static void PruneManagedFields(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        (obj["metadata"] as JsonObject)?.Remove("managedFields");
    }

    private static string? Text(JsonObject obj, string field)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonRead.Text(obj, "metadata", field);
    }
}
