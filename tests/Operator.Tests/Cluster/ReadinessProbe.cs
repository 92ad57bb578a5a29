using System.Collections.Concurrent;
using System.Net;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>One answer of <c>/readyz</c>, with the test's clock.</summary>
public sealed record ReadinessSample(DateTime At, bool Ready, string Body);

/// <summary>
/// Polls an operator's <c>/readyz</c> in the background (every 100 ms) and keeps every change, so a test can say when
/// readiness flipped and why, and measure it.
/// </summary>
public sealed class ReadinessProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<ReadinessSample> changes = new();
    private readonly Task loop;

    private ReadinessProbe(OperatorProcess op) => loop = PollAsync(op);

    /// <summary>Every change of readiness (ready or not, or its reason), oldest first.</summary>
    public IReadOnlyList<ReadinessSample> Changes => [.. changes];

    public static ReadinessProbe Start(OperatorProcess op) => new(op);

    /// <summary>The first answer after <paramref name="after"/> whose readiness is <paramref name="ready"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<ReadinessSample> WaitAsync(bool ready, DateTime after, TimeSpan timeout, string what)
    {
        ReadinessSample? found = null;
        await Eventually.ThatAsync(
            () =>
            {
                found = changes.FirstOrDefault(c => c.At >= after && c.Ready == ready);
                return Task.FromResult(found is not null);
            },
            timeout,
            $"{what} (answers so far: {string.Join(" | ", changes.Select(c => $"{c.At:HH:mm:ss.f} {(c.Ready ? 200 : 503)} {c.Body.Trim()}"))})");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task PollAsync(OperatorProcess op)
    {
        using var http = new HttpClient { BaseAddress = op.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        ReadinessSample? last = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), stop.Token);
                var sample = new ReadinessSample(DateTime.UtcNow, response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(stop.Token));
                if (last is null || last.Ready != sample.Ready || last.Body != sample.Body)
                {
                    changes.Enqueue(sample);
                    last = sample;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Not listening (yet, or any more), or stopping.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
