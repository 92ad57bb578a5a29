using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using Kueueleuleu.Kubernetes.Configuration;

namespace Kueueleuleu.Kubernetes.Http;

/// <summary>
/// Sends API requests: credentials, TLS, retries with backoff, the 401 refresh, and the mapping of
/// non-2xx answers to <see cref="KubernetesApiException"/>s. Returns only successful responses.
/// </summary>
internal sealed class KubernetesTransport : IDisposable
{
    private readonly KubernetesClientConfiguration configuration;
    private readonly KubernetesClientOptions options;
    private readonly TimeProvider time;
    private readonly Dictionary<string, HttpMessageInvoker> invokers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private bool disposed;

    public KubernetesTransport(KubernetesClientConfiguration configuration, KubernetesClientOptions options, TimeProvider? time = null)
    {
        this.configuration = configuration;
        this.options = options;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>How long a call may take to its answer; also how long a streamed list may go without data.</summary>
    public TimeSpan RequestTimeout => options.RequestTimeout;

    public async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var refreshedCredentials = false;
        for (var attempt = 1; ; attempt++)
        {
            var credentials = await configuration.Credentials.GetCredentialsAsync(cancellationToken);
            var (response, failure) = await TrySendOnceAsync(request, credentials, cancellationToken);
            if (response is { IsSuccessStatusCode: true })
            {
                return response;
            }

            if (response is not null)
            {
                var status = await ReadStatusAsync(response, cancellationToken);
                var retryAfter = RetryDecision.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
                response.Dispose();
                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshedCredentials && configuration.Credentials.Invalidate(credentials))
                {
                    // A 401 means nothing was processed: refresh the credentials once, without counting an attempt.
                    refreshedCredentials = true;
                    attempt--;
                    continue;
                }

                if (!CanRetryStatus(request, response.StatusCode, retryAfter, attempt))
                {
                    throw KubernetesApiException.For(status, request.ToString());
                }

                await WaitAsync(request, attempt, retryAfter, $"HTTP {(int)response.StatusCode}", cancellationToken);
                continue;
            }

            if (attempt >= options.Retry.MaxAttempts || !RetryDecision.IsRetryableException(failure!, request.Safety))
            {
                ExceptionDispatchInfo.Throw(failure!);
            }

            await WaitAsync(request, attempt, null, failure!.Message, cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var invoker in invokers.Values)
            {
                invoker.Dispose();
            }

            invokers.Clear();
        }
    }

    private bool CanRetryStatus(ApiRequest request, HttpStatusCode code, TimeSpan? retryAfter, int attempt) =>
        attempt < options.Retry.MaxAttempts
        && RetryDecision.IsRetryableStatus(code, request.Safety)
        && (retryAfter is null || retryAfter <= options.Retry.MaxRetryAfter);

    private async Task WaitAsync(ApiRequest request, int attempt, TimeSpan? retryAfter, string cause, CancellationToken cancellationToken)
    {
        var delay = RetryDecision.Delay(attempt, retryAfter, options.Retry, Random.Shared);
        options.Retry.OnRetry?.Invoke(new RetryNotice(request.ToString(), attempt, delay, cause));
        await Task.Delay(delay, time, cancellationToken);
    }

    private async Task<(HttpResponseMessage? Response, Exception? Failure)> TrySendOnceAsync(
        ApiRequest request, KubernetesCredentials credentials, CancellationToken cancellationToken)
    {
        // A streaming call is bounded too, up to its answer's headers: a connection that accepts the request and then
        // stays silent must not hold a watch forever before its first byte. The stream itself has its own idle bound.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);

        HttpResponseMessage? response = null;
        try
        {
            using var message = CreateMessage(request, credentials);
            response = await Invoker(credentials).SendAsync(message, timeout.Token);
            if (!request.Streaming || !response.IsSuccessStatusCode)
            {
                // Reading the body inside the attempt makes a connection lost mid-body a retryable failure.
                await response.Content.LoadIntoBufferAsync(timeout.Token);
            }

            return (response, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            return (null, new TimeoutException($"{request}: no complete answer within {options.RequestTimeout}"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            response?.Dispose();
            return (null, e);
        }
    }

    private HttpRequestMessage CreateMessage(ApiRequest request, KubernetesCredentials credentials)
    {
        var message = new HttpRequestMessage(request.Method, RequestUri(request))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (configuration.TlsServerName is { } serverName && configuration.Server.Scheme == Uri.UriSchemeHttps)
        {
            // SocketsHttpHandler takes the TLS name (SNI and the certificate's name check) from an explicit Host header
            // and ignores SslOptions.TargetHost, so tls-server-name travels as the Host header, with the URL's port.
            message.Headers.Host = configuration.Server.IsDefaultPort ? serverName : $"{serverName}:{configuration.Server.Port}";
        }

        message.Headers.Accept.ParseAdd(request.Accept);
        message.Headers.UserAgent.ParseAdd(options.UserAgent);
        if (credentials.BearerToken is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        }

        return message;
    }

    /// <summary>Appends the API path to the server URL, keeping a path prefix (servers behind a proxy such as https://host/k8s/clusters/x).</summary>
    private Uri RequestUri(ApiRequest request) => new(configuration.Server.AbsoluteUri.TrimEnd('/') + request.PathAndQuery);

    /// <summary>One handler per client certificate: a rotated certificate (exec plugin) needs new connections.</summary>
    private HttpMessageInvoker Invoker(KubernetesCredentials credentials)
    {
        var certificate = credentials.ClientCertificate;
        var key = certificate?.Thumbprint ?? "";
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!invokers.TryGetValue(key, out var invoker))
            {
                invoker = new HttpMessageInvoker(HttpHandlerFactory.Create(configuration, certificate), disposeHandler: true);
                invokers[key] = invoker;
            }

            return invoker;
        }
    }

    private static async Task<KubernetesStatus> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            body = "";
        }

        return KubernetesStatus.FromResponse(response.StatusCode, body);
    }
}
