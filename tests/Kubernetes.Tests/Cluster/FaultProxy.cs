using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kueueleuleu.Kubernetes.Configuration;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>What the proxy does with one request.</summary>
public abstract record FaultAction
{
    /// <summary>Forward to the API server and relay its answer.</summary>
    public static FaultAction Forward { get; } = new ForwardAction(false);

    /// <summary>Forward to the API server, then close the connection without answering.</summary>
    public static FaultAction ForwardThenDrop { get; } = new ForwardAction(true);

    /// <summary>Answer without forwarding.</summary>
    public static FaultAction Respond(int code, string? retryAfter = null) => new RespondAction(code, retryAfter);

    /// <summary>Accept a watch (200), send one ERROR event carrying a Status with <paramref name="code"/>, and end the stream.</summary>
    public static FaultAction WatchError(int code) => new WatchErrorAction(code);
}

public sealed record ForwardAction(bool DropAfter) : FaultAction;

public sealed record RespondAction(int Code, string? RetryAfter) : FaultAction;

public sealed record WatchErrorAction(int Code) : FaultAction;

/// <summary>One request the proxy received, what it did, and when it received it (UTC).</summary>
public sealed record ProxiedRequest(string Method, string Path, FaultAction Action)
{
    public DateTime At { get; init; } = DateTime.UtcNow;
}

/// <summary>
/// A plain-HTTP loopback proxy in front of the REAL API server that can answer with errors or drop the
/// connection after forwarding. It forwards with the admin client certificate. One request per connection
/// (it answers with Connection: close), which is all the retry tests need.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly HttpClient upstream;
    private readonly Uri server;
    private readonly Func<int, string, string, FaultAction> decide;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<ProxiedRequest> seen = new();
    private TcpListener? listener;
    private Task acceptLoop = Task.CompletedTask;
    private int count;

    /// <param name="admin">The admin configuration (server, CA, client certificate).</param>
    /// <param name="decide">(index of the request from 0, method, path) → action.</param>
    /// <param name="port">A fixed port, or 0 for any; see <see cref="Start"/>.</param>
    public FaultProxy(KubernetesClientConfiguration admin, KubernetesCredentials adminCredentials, Func<int, string, string, FaultAction> decide, int port = 0)
    {
        server = admin.Server;
        this.decide = decide;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [adminCredentials.ClientCertificate!];
        var policy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
        {
            TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
            RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(admin.CertificateAuthorities!);
        handler.SslOptions.CertificateChainPolicy = policy;
        upstream = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        Port = port;
    }

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<ProxiedRequest> Requests => seen.ToArray();

    /// <summary>A loopback port with nothing listening on it (connections are refused until <see cref="Start"/>).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public FaultProxy Start()
    {
        var next = new TcpListener(IPAddress.Loopback, Port);
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        Port = ((IPEndPoint)next.LocalEndpoint).Port;
        listener = next;
        acceptLoop = AcceptAsync(next);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();
        await acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        upstream.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener current)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await current.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                var action = decide(Interlocked.Increment(ref count) - 1, request.Method, request.Path);
                seen.Enqueue(new ProxiedRequest(request.Method, request.Path, action));
                await ActAsync(stream, request, action);
            }
            catch (Exception e) when (e is IOException or SocketException or HttpRequestException or OperationCanceledException)
            {
                // The client went away; nothing to report.
            }
        }
    }

    private async Task ActAsync(NetworkStream stream, RawRequest request, FaultAction action)
    {
        switch (action)
        {
            case RespondAction respond:
                var status = $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"injected by the test proxy","code":{{respond.Code}}}""";
                var headers = respond.RetryAfter is null ? "" : $"Retry-After: {respond.RetryAfter}\r\n";
                await WriteResponseAsync(stream, respond.Code, "application/json", Encoding.UTF8.GetBytes(status), headers);
                break;
            case WatchErrorAction watchError:
                var line = $$$"""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"injected by the test proxy","reason":"InternalError","code":{{{watchError.Code}}}}}""" + "\n";
                await WriteResponseAsync(stream, 200, "application/json", Encoding.UTF8.GetBytes(line), "");
                break;
            case ForwardAction forward:
                using (var response = await upstream.SendAsync(ToUpstream(request), stopping.Token))
                {
                    var body = await response.Content.ReadAsByteArrayAsync(stopping.Token);
                    if (forward.DropAfter)
                    {
                        // The server processed the request; the client never learns the outcome.
                        stream.Socket.LingerState = new LingerOption(true, 0);
                        return;
                    }

                    await WriteResponseAsync(stream, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/json", body, "");
                }

                break;
        }
    }

    private HttpRequestMessage ToUpstream(RawRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(server, request.Path));
        if (request.Body.Length > 0 || request.Method is "POST" or "PUT" or "PATCH")
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.Headers.TryGetValue("content-type", out var contentType))
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (request.Headers.TryGetValue("accept", out var accept))
        {
            message.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return message;
    }

    private static async Task WriteResponseAsync(NetworkStream stream, int code, string contentType, byte[] body, string extraHeaders)
    {
        var head = $"HTTP/1.1 {code} {(HttpStatusCode)code}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n{extraHeaders}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private sealed record RawRequest(string Method, string Path, Dictionary<string, string> Headers, byte[] Body);

    private static async Task<RawRequest> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("connection closed before the request head ended");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = new byte[headers.TryGetValue("content-length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await stream.ReadExactlyAsync(body);
        return new RawRequest(parts[0], parts[1], headers, body);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
