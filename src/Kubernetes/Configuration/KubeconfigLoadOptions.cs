namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Which kubeconfig files and context to load.</summary>
public sealed record KubeconfigLoadOptions
{
    /// <summary>
    /// The files to merge, first wins. Null: the <c>KUBECONFIG</c> variable (a list separated by
    /// <see cref="Path.PathSeparator"/>), else <c>~/.kube/config</c>.
    /// </summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>The context to use; null for <c>current-context</c>.</summary>
    public string? Context { get; init; }

    /// <summary>How often a <c>tokenFile</c> is re-read.</summary>
    public TimeSpan TokenFileRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock for credential expiry and token re-reads; null for the system clock (tests pass their own).</summary>
    public TimeProvider? Time { get; init; }
}
