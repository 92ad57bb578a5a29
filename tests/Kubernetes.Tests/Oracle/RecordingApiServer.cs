using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>What reached the test API server on one connection.</summary>
/// <param name="ServerName">The SNI name the client sent, or null.</param>
/// <param name="ClientCertificate">The subject of the client certificate it presented, or null.</param>
/// <param name="RequestLine">The HTTP request line.</param>
/// <param name="Authorization">The Authorization header, or null.</param>
/// <param name="Host">The Host header.</param>
public sealed record Arrival(string? ServerName, string? ClientCertificate, string RequestLine, string? Authorization, string? Host);

/// <summary>
/// A TLS listener on loopback with the corpus server certificate that records SNI, the client certificate and the
/// request, and answers every request with the <c>default</c> Namespace.
/// </summary>
public sealed class RecordingApiServer : IAsyncDisposable
{
    private const string Body = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}""";
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 certificate = Corpus.ServerCertificate();
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public RecordingApiServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public ConcurrentQueue<Arrival> Arrivals { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        certificate.Dispose();
        stop.Dispose();
    }

    private static string? Header(string[] lines, string name) =>
        lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = true,
                // Record whatever the client presents; trusting it is not what is tested.
#pragma warning disable CA5359 // The test server accepts any client certificate on purpose.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
            }, stop.Token);
            var head = await RelayStreams.ReadHeadAsync(tls, stop.Token);
            var lines = head.Split("\r\n");
            Arrivals.Enqueue(new Arrival(
                string.IsNullOrEmpty(tls.TargetHostName) ? null : tls.TargetHostName, tls.RemoteCertificate?.Subject, lines[0], Header(lines, "Authorization"), Header(lines, "Host")));
            var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(Body)}\r\nConnection: close\r\n\r\n{Body}";
            await tls.WriteAsync(Encoding.UTF8.GetBytes(response), stop.Token);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // A client that refused our certificate (an expected outcome in some tests) or a stop.
        }
    }
}
