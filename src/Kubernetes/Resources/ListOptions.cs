namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>Options of a list call.</summary>
public sealed record ListOptions
{
    /// <summary>A label selector, e.g. <c>app=web,tier!=cache</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, e.g. <c>metadata.name=x</c> or <c>status.phase=Running</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>The page size; the response carries a <c>continue</c> token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The <c>continue</c> token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>
    /// The resource version semantics: null for the most recent (quorum read), <c>"0"</c> for any cached
    /// state. Not allowed together with <see cref="Continue"/>.
    /// </summary>
    public string? ResourceVersion { get; init; }

    internal string ToQuery() => new QueryString()
        .Add("labelSelector", LabelSelector)
        .Add("fieldSelector", FieldSelector)
        .Add("limit", Limit)
        .Add("continue", Continue)
        .Add("resourceVersion", ResourceVersion)
        .ToString();
}
