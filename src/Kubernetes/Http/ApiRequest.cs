namespace Kueueleuleu.Kubernetes.Http;

/// <summary>One REST call as the transport sees it; rebuilt into a fresh HttpRequestMessage on every attempt.</summary>
internal sealed record ApiRequest(HttpMethod Method, string PathAndQuery, RequestSafety Safety)
{
    /// <summary>The body text, or null.</summary>
    public string? Body { get; init; }

    /// <summary>The body's Content-Type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Long-lived responses (watch, log follow): the request timeout covers only the headers; no buffering.</summary>
    public bool Streaming { get; init; }

    /// <summary>The Accept header.</summary>
    public string Accept { get; init; } = "application/json";

    public override string ToString() => $"{Method} {PathAndQuery}";
}
