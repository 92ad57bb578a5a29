using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Registry.Tests.Support;

/// <summary>
/// The token service of the local token registry (hack/registry, https://198.18.1.1:5444), as Docker Hub, GHCR and Quay
/// run theirs: GET /token?service=…&amp;scope=repository:NAME:pull with optional basic authentication answers a JWT that
/// the registry verifies offline. Distribution 2.8 trusts a token when its <c>iss</c> is the configured issuer, its
/// <c>aud</c> the service, it is within <c>nbf</c>/<c>exp</c> (60 s leeway), and its <c>x5c</c> header's first
/// certificate chains to the rootcertbundle (here the issuer's self-signed certificate itself) and holds the key that
/// signed it; the <c>access</c> claim lists what the bearer may do. A minimal HTTPS server on TcpListener + SslStream,
/// one request per connection, with the registries' server certificate (the helper CA's).
/// </summary>
internal sealed class TokenService : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly X509Certificate2 serverCertificate;
    private readonly RSA issuerKey;
    private readonly string issuerCertificate;
    private readonly IReadOnlyDictionary<string, string> users;
    private readonly Func<string?, string, bool> mayPull;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    /// <param name="users">User names and passwords the service accepts.</param>
    /// <param name="mayPull">Whether a user (null: anonymous) may pull a repository; a token without access is still issued otherwise, as Docker Hub does.</param>
    public TokenService(IReadOnlyDictionary<string, string> users, Func<string?, string, bool> mayPull)
    {
        this.users = users;
        this.mayPull = mayPull;
        serverCertificate = LoadServerCertificate();
        issuerKey = RSA.Create();
        issuerKey.ImportFromPem(File.ReadAllText(LocalRegistry.IssuerKeyPath));
        using var issuer = X509Certificate2.CreateFromPem(File.ReadAllText(LocalRegistry.IssuerCertificatePath));
        issuerCertificate = Convert.ToBase64String(issuer.RawData);
        var (host, port) = SplitHost(LocalRegistry.TokenServiceHost);
        listener = new TcpListener(IPAddress.Parse(host), port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Every request answered: the user it authenticated (null: anonymous), the scope asked, the status sent.</summary>
    public ConcurrentQueue<(string? User, string Scope, int Status)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stopping.Dispose();
        serverCertificate.Dispose();
        issuerKey.Dispose();
    }

    private static X509Certificate2 LoadServerCertificate()
    {
        using var pem = X509Certificate2.CreateFromPemFile(LocalRegistry.ServerCertificatePath, LocalRegistry.ServerKeyPath);
        // SslStream on Linux wants a certificate whose key is not ephemeral: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static (string Host, int Port) SplitHost(string host)
    {
        var colon = host.LastIndexOf(':');
        return (host[..colon], int.Parse(host[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = serverCertificate }, stopping.Token);
                var head = await ReadHeadAsync(tls);
                var (status, body) = Answer(head);
                var response = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status} {status switch { 200 => "OK", 401 => "Unauthorized", _ => "Not Found" }}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n");
                await tls.WriteAsync(response, stopping.Token);
                await tls.WriteAsync(Encoding.UTF8.GetBytes(body), stopping.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                // A client that went away or refused our certificate: nothing to answer.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    private (int Status, string Body) Answer(string head)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine is not ["GET", var target, ..])
        {
            // containerd tries an OAuth2 POST first and falls back to GET on 404, as with registries that have no OAuth2 endpoint.
            return (404, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"only GET\"}]}");
        }

        var query = new Uri("https://token" + target).Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Uri.UnescapeDataString(pair[0]), Value: pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : ""))
            .ToList();
        var scopes = query.Where(p => p.Name == "scope").Select(p => p.Value).ToList();
        var authorization = lines.Skip(1).FirstOrDefault(line => line.StartsWith("Authorization: Basic ", StringComparison.OrdinalIgnoreCase));
        string? user = null;
        if (authorization is not null)
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Authorization: Basic ".Length..].Trim())).Split(':', 2);
            if (!users.TryGetValue(pair[0], out var password) || pair.Length < 2 || password != pair[1])
            {
                Requests.Enqueue((pair[0], string.Join(' ', scopes), 401));
                return (401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid user name or password\"}]}");
            }

            user = pair[0];
        }

        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            if (parts is ["repository", var name, var actions] && actions.Split(',').Contains("pull") && mayPull(user, name))
            {
                access.Add(new JsonObject { ["type"] = "repository", ["name"] = name, ["actions"] = new JsonArray("pull") });
            }
        }

        Requests.Enqueue((user, string.Join(' ', scopes), 200));
        var token = Sign(user ?? "", access);
        return (200, new JsonObject { ["token"] = token, ["access_token"] = token, ["expires_in"] = 300 }.ToJsonString());
    }

    private string Sign(string subject, JsonArray access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(issuerCertificate) };
        var claims = new JsonObject
        {
            ["iss"] = LocalRegistry.TokenIssuer,
            ["sub"] = subject,
            ["aud"] = LocalRegistry.TokenService,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = issuerKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
