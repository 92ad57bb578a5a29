namespace Kueueleuleu.Entities;

/// <summary>The names under which the API server serves SequentialJobs.</summary>
public static class SequentialJobApi
{
    /// <summary>The API group.</summary>
    public const string Group = "kueueleuleu.io";

    /// <summary>The one served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> field of every SequentialJob: <c>kueueleuleu.io/v1alpha1</c>.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The kind.</summary>
    public const string Kind = "SequentialJob";

    /// <summary>The kind of a list of SequentialJobs, as the API server returns it.</summary>
    public const string ListKind = "SequentialJobList";

    /// <summary>The plural resource name, used in URLs and RBAC rules.</summary>
    public const string Plural = "sequentialjobs";

    /// <summary>The singular resource name, accepted by kubectl.</summary>
    public const string Singular = "sequentialjob";

    /// <summary>The short name: <c>kubectl get sjob</c>.</summary>
    public const string ShortName = "sjob";

    /// <summary>The name of the CustomResourceDefinition: <c>plural.group</c>.</summary>
    public const string CrdName = Plural + "." + Group;

    /// <summary>
    /// The categories: <c>kubectl get all</c> lists SequentialJobs next to the Jobs they create, and
    /// <c>kubectl get kueueleuleu</c> lists every resource of the project.
    /// </summary>
    public static IReadOnlyList<string> Categories { get; } = ["all", "kueueleuleu"];
}
