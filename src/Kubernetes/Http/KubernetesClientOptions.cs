namespace Kueueleuleu.Kubernetes.Http;

/// <summary>Behaviour of a client, independent of the cluster it talks to.</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>Retry rules.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>
    /// The limit of one attempt of a non-streaming call, body included. Watches and log follows have none
    /// (they end by <c>timeoutSeconds</c> or cancellation).
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The User-Agent header, visible in the API server's audit log.</summary>
    public string UserAgent { get; init; } = "kueueleuleu/" + typeof(KubernetesClientOptions).Assembly.GetName().Version?.ToString(3);
}
