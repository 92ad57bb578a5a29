using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Kueueleuleu.Registry;

/// <summary>
/// One GET with the lookup's retry policy: tried again on connection failures, on no answer within the attempt
/// timeout, and on 5xx/429; the body read within a bound so that a hostile or broken registry cannot make the operator
/// hold gigabytes. Every try is logged for the failure message.
/// </summary>
internal sealed class RegistryHttp(HttpClient client, RegistryClientOptions options)
{
    public async Task<Step<HttpOutcome>> GetAsync(
        Uri url, IReadOnlyList<string> accept, AuthenticationHeaderValue? authorization, long maxBytes, List<RegistryAttempt> log, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, transportError, retriable, retryAfter) = await TryOnceAsync(url, accept, authorization, maxBytes, cancellationToken);
            retriable |= outcome is not null && RetryPolicy.IsRetriable((HttpStatusCode)outcome.Status);
            var again = retriable && options.Retry.HasAnotherAttempt(attempt);

            // The try is worth naming only when there was or will be another.
            var tryLabel = retriable || attempt > 1 ? $"try {attempt} of {options.Retry.MaxAttempts}" : null;
            if (outcome is not null)
            {
                log.Add(outcome.Attempt with { Error = Join(outcome.Attempt.Error, tryLabel) });
                if (!again)
                {
                    return outcome;
                }
            }
            else
            {
                log.Add(new RegistryAttempt(url.ToString(), null, Join(transportError, tryLabel)));
                if (!again)
                {
                    return new Problem(
                        RegistryFailureKind.Unreachable,
                        $"{url.GetLeftPart(UriPartial.Authority)} could not be reached: {transportError}"
                        + (retriable ? $" (tried {attempt} times)." : "."));
                }
            }

            await Task.Delay(options.Retry.DelayAfter(attempt, retryAfter), options.TimeProvider, cancellationToken);
        }
    }

    private static string? Join(string? error, string? tryLabel) =>
        tryLabel is null ? error : error is null ? tryLabel : $"{error}, {tryLabel}";

    private async Task<(HttpOutcome? Outcome, string? Error, bool Retriable, TimeSpan? RetryAfter)> TryOnceAsync(
        Uri url, IReadOnlyList<string> accept, AuthenticationHeaderValue? authorization, long maxBytes, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(options.AttemptTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.ParseAdd(options.UserAgent);
            request.Headers.Authorization = authorization;
            foreach (var type in accept)
            {
                request.Headers.Accept.ParseAdd(type);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var body = await ReadBoundedAsync(response, maxBytes, linked.Token);
            if (body is null)
            {
                var attempt = new RegistryAttempt(url.ToString(), status, $"body larger than {maxBytes} bytes, not read");
                return (new HttpOutcome(status, ReadOnlyMemory<byte>.Empty, null, null, [], attempt) { TooLarge = true }, null, false, null);
            }

            var outcome = new HttpOutcome(
                status,
                body,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.TryGetValues("Docker-Content-Digest", out var digests) ? digests.FirstOrDefault() : null,
                response.Headers.TryGetValues("WWW-Authenticate", out var challenges) ? [.. challenges] : [],
                new RegistryAttempt(url.ToString(), status, status >= 400 ? RegistryErrorBody.Describe(body) : null));
            return (outcome, null, false, RetryAfter(response));
        }
        catch (OperationCanceledException) when (attemptTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.AttemptTimeout.TotalSeconds:0.#} s", true, null);
        }
        catch (HttpRequestException exception) when (FindInner<AuthenticationException>(exception) is { } tls)
        {
            return (null, $"the TLS handshake failed: {tls.Message} (if the registry uses a private CA, add it to the trusted certificates)", false, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return (null, Describe(exception), true, null);
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - options.TimeProvider.GetUtcNow(),
            _ => null,
        };

    private static string Describe(Exception exception)
    {
        if (FindInner<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => "host name not found",
                SocketError.TimedOut => "connection timed out",
                SocketError.ConnectionReset => "connection reset",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to the host",
                _ => socket.Message,
            };
        }

        return exception.InnerException?.Message ?? exception.Message;
    }

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
