namespace Kueueleuleu.Kubernetes.Objects;

/// <summary>An entry of <c>metadata.ownerReferences</c>.</summary>
/// <param name="ApiVersion">The owner's <c>apiVersion</c>, e.g. <c>kueueleuleu.io/v1alpha1</c>.</param>
/// <param name="Kind">The owner's kind.</param>
/// <param name="Name">The owner's name (same namespace as the owned object).</param>
/// <param name="Uid">The owner's uid.</param>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid)
{
    /// <summary>The API group of <see cref="ApiVersion"/>; empty for the core group.</summary>
    public string Group => ApiVersion.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? ApiVersion[..slash] : "";
}
