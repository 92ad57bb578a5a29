using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>The REST resource of SequentialJobs, for the API client and the informers.</summary>
public static class SequentialJobResource
{
    /// <summary><c>sequentialjobs.v1alpha1.kueueleuleu.io</c>, namespaced.</summary>
    public static ResourceType Type { get; } = new(SequentialJobApi.Group, SequentialJobApi.Version, SequentialJobApi.Plural, Namespaced: true);
}
