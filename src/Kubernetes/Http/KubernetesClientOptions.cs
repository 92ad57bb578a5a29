namespace Kueueleuleu.Kubernetes.Http;

/// <summary>Behaviour of a client, independent of the cluster it talks to.</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>Retry rules.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>
    /// The limit of one attempt of a call: for a non-streaming call its whole answer, body included; for a watch or a
    /// log follow the answer's headers (the stream then ends by <c>timeoutSeconds</c>, its idle bound, or cancellation).
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The User-Agent header, visible in the API server's audit log.</summary>
    public string UserAgent { get; init; } = "kueueleuleu/" + typeof(KubernetesClientOptions).Assembly.GetName().Version?.ToString(3);
}
