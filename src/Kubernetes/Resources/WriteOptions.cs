namespace Kueueleuleu.Kubernetes.Resources;

/// <summary>Options of create, update and patch calls.</summary>
public sealed record WriteOptions
{
    /// <summary>The field manager recorded in <c>managedFields</c>; required for server-side apply.</summary>
    public string? FieldManager { get; init; }

    /// <summary>Server-side apply only: take ownership of fields another manager owns instead of failing with a conflict.</summary>
    public bool Force { get; init; }

    /// <summary>Validate and run admission but persist nothing.</summary>
    public bool DryRun { get; init; }

    internal string ToQuery() => new QueryString()
        .Add("fieldManager", FieldManager)
        .Add("force", Force)
        .Add("dryRun", DryRun ? "All" : null)
        .ToString();
}
