using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kueueleuleu.Kubernetes.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>One request that reached the proxy, with the test's own (unskewed) clock.</summary>
public sealed class ProxiedCall(string method, string path, DateTime received)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    public DateTime Received { get; } = received;

    /// <summary>When it was sent on to the API server; null when it never was (held by a cut).</summary>
    public DateTime? Forwarded { get; set; }

    /// <summary>When the API server's answer (its headers) came back.</summary>
    public DateTime? Answered { get; set; }

    public int? Status { get; set; }

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public bool IsLease => Path.Contains("/leases", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path} received {Received:HH:mm:ss.fff} forwarded {Forwarded:HH:mm:ss.fff} answered {Answered:HH:mm:ss.fff} {Status}";
}

/// <summary>
/// A streaming HTTP proxy in front of the REAL API server, one per operator replica, that records every request with
/// the test's clock (so the writes of each replica are known with their times, whatever clock the replica runs on),
/// and can cut the replica off: from the cut on, requests are accepted and held without an answer and streams stop
/// delivering, without closing (a partition). <see cref="Heal"/> aborts what is held and forwards again. The replica
/// speaks plain HTTP to it; the proxy forwards with the admin client certificate.
/// </summary>
public sealed class RecordingFaultProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private readonly Uri server;
    private readonly ConcurrentQueue<ProxiedCall> calls = new();
    private volatile TaskCompletionSource healed = NewHealed();
    private volatile Func<ProxiedCall, bool>? cutAt;
    private volatile bool cut;

    private RecordingFaultProxy(WebApplication app, HttpClient upstream, Uri server)
    {
        this.app = app;
        this.upstream = upstream;
        this.server = server;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ProxiedCall> Calls => [.. calls];

    /// <summary>When the cut began, or null.</summary>
    public DateTime? CutAt { get; private set; }

    public static async Task<RecordingFaultProxy> StartAsync(string adminKubeconfig)
    {
        var admin = KubeconfigLoader.Load(new KubeconfigLoadOptions { Paths = [adminKubeconfig] });
        var credentials = await admin.Credentials.GetCredentialsAsync(default);
        var handler = new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        handler.SslOptions.ClientCertificates = [credentials.ClientCertificate!];
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(admin.CertificateAuthorities!);
        handler.SslOptions.CertificateChainPolicy = policy;
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new RecordingFaultProxy(app, client, admin.Server);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address);
        return proxy;
    }

    /// <summary>Cuts the replica off now.</summary>
    public void Cut()
    {
        CutAt ??= DateTime.UtcNow;
        cut = true;
    }

    /// <summary>Cuts the replica off when the first request matching <paramref name="match"/> arrives (that request is held).</summary>
    public void CutAtFirst(Func<ProxiedCall, bool> match) => cutAt = match;

    /// <summary>Aborts every held request and stream, and forwards again.</summary>
    public void Heal()
    {
        cut = false;
        cutAt = null;
        var previous = healed;
        healed = NewHealed();
        previous.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Heal();
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }

    private static TaskCompletionSource NewHealed() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task HandleAsync(HttpContext context)
    {
        var call = new ProxiedCall(context.Request.Method, context.Request.Path + context.Request.QueryString, DateTime.UtcNow);
        calls.Enqueue(call);
        var healing = healed;
        if (cutAt is { } match && match(call))
        {
            Cut();
        }

        if (cut)
        {
            await HoldAsync(context, healing);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(call.Method), new Uri(server, call.Path));
        if (context.Request.ContentLength > 0 || call.IsWrite)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        request.Headers.TryAddWithoutValidation("Accept", context.Request.Headers.Accept.ToString());
        call.Forwarded = DateTime.UtcNow;
        try
        {
            using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            call.Answered = DateTime.UtcNow;
            call.Status = (int)response.StatusCode;
            await RelayAsync(context, response, healing);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            // The replica went away (or the server did): nothing more to relay.
            context.Abort();
        }
    }

    /// <summary>Copies the answer chunk by chunk (watches stream); a cut stops it without closing.</summary>
    private async Task RelayAsync(HttpContext context, HttpResponseMessage response, TaskCompletionSource healing)
    {
        if (cut)
        {
            await HoldAsync(context, healing);
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16384];
        while (await body.ReadAsync(buffer, context.RequestAborted) is var n and > 0)
        {
            if (cut)
            {
                await HoldAsync(context, healing);
                return;
            }

            await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>Nothing goes through until the heal, which then aborts the connection (the replica must start afresh).</summary>
    private static async Task HoldAsync(HttpContext context, TaskCompletionSource healing)
    {
        try
        {
            await healing.Task.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The replica gave up on the request.
        }

        context.Abort();
    }
}
