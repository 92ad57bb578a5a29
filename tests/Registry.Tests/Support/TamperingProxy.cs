using System.Collections.Concurrent;
using System.Net;

namespace Kueueleuleu.Registry.Tests.Support;

/// <summary>
/// A plain-HTTP registry front on loopback that forwards to the real plain registry and can misbehave on purpose, the
/// way a broken mirror or proxy does: answer a status instead of forwarding (a number of times, then heal), or change
/// bytes of a body while keeping its length. What the client then does is the real client against a real registry.
/// </summary>
internal sealed class TamperingProxy : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient upstream = new() { BaseAddress = new Uri(LocalRegistry.PlainUrl) };
    private readonly Task serving;
    private int failuresLeft;

    public TamperingProxy()
    {
        Port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = ServeAsync();
    }

    public int Port { get; }

    /// <summary>The host to put in image references (a loopback host, so the client uses plain HTTP).</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The status to answer instead of forwarding, while <see cref="FailTimes"/> lasts.</summary>
    public int FailureStatus { get; set; } = 503;

    /// <summary>A Retry-After to send with the failures, in seconds.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>How many of the next requests get <see cref="FailureStatus"/> (int.MaxValue: all).</summary>
    public int FailTimes
    {
        set => Volatile.Write(ref failuresLeft, value);
    }

    /// <summary>Changes forwarded bodies: for a request path containing the key, replace the first occurrence of the old text by the new (same length).</summary>
    public ConcurrentDictionary<string, (string Old, string New)> Rewrites { get; } = new();

    /// <summary>Whether bodies go out chunked, without Content-Length (as from a streaming proxy).</summary>
    public bool Chunked { get; set; }

    /// <summary>The paths requested and the status answered, in order.</summary>
    public ConcurrentQueue<(string Path, int Status)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }

        listener.Close();
        upstream.Dispose();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            await ForwardAsync(context.Request.Url!.PathAndQuery, context.Request, response);
        }
        catch (HttpRequestException)
        {
            // The registry behind is down: say so as a gateway does, never with an empty 200.
            response.StatusCode = 502;
        }
    }

    private async Task ForwardAsync(string path, HttpListenerRequest incoming, HttpListenerResponse response)
    {
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            response.StatusCode = FailureStatus;
            if (RetryAfterSeconds is { } seconds)
            {
                response.AddHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Requests.Enqueue((path, FailureStatus));
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var accept in incoming.AcceptTypes ?? [])
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var answer = await upstream.SendAsync(request);
        var body = await answer.Content.ReadAsByteArrayAsync();
        foreach (var (key, (old, replacement)) in Rewrites)
        {
            if (path.Contains(key, StringComparison.Ordinal))
            {
                body = Replace(body, old, replacement);
            }
        }

        response.StatusCode = (int)answer.StatusCode;
        response.ContentType = answer.Content.Headers.ContentType?.ToString();
        if (answer.Headers.TryGetValues("Docker-Content-Digest", out var digests))
        {
            response.AddHeader("Docker-Content-Digest", digests.First());
        }

        Requests.Enqueue((path, response.StatusCode));
        if (Chunked)
        {
            response.SendChunked = true;
        }
        else
        {
            response.ContentLength64 = body.Length;
        }

        await response.OutputStream.WriteAsync(body);
    }

    private static byte[] Replace(byte[] body, string old, string replacement)
    {
        var text = System.Text.Encoding.Latin1.GetString(body);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        if (at < 0 || old.Length != replacement.Length)
        {
            throw new InvalidOperationException($"cannot rewrite \"{old}\": not in the body, or not the same length as \"{replacement}\"");
        }

        return System.Text.Encoding.Latin1.GetBytes(string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length)));
    }
}
