namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Where the in-cluster configuration comes from; the defaults are what a Pod sees.</summary>
public sealed record InClusterOptions
{
    /// <summary>The standard service-account directory inside a Pod.</summary>
    public const string DefaultRoot = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The directory with <c>token</c>, <c>ca.crt</c> and <c>namespace</c>.</summary>
    public string Root { get; init; } = DefaultRoot;

    /// <summary>The API server host; null reads <c>KUBERNETES_SERVICE_HOST</c>.</summary>
    public string? Host { get; init; }

    /// <summary>The API server port; null reads <c>KUBERNETES_SERVICE_PORT</c>.</summary>
    public string? Port { get; init; }

    /// <summary>How often the token file is re-read: the kubelet rotates bound tokens in place.</summary>
    public TimeSpan TokenRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock for token re-reads; null for the system clock (tests pass their own).</summary>
    public TimeProvider? Time { get; init; }
}
