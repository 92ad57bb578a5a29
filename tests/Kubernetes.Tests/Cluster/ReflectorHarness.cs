using System.Collections.Concurrent;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

/// <summary>Runs a reflector in the background and records what it reports.</summary>
public sealed class ReflectorHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    public ReflectorHarness(IKubernetesClient client, ResourceType type, ReflectorOptions options)
    {
        Reflector = new Reflector(client, type, options with
        {
            OnError = e =>
            {
                ErrorTimes.Enqueue((DateTime.UtcNow, e));
                Errors.Enqueue(e);
            },
        });
        running = Task.Run(async () =>
        {
            await foreach (var e in Reflector.RunAsync(stop.Token))
            {
                Events.Enqueue(e);
                EventTimes.Enqueue((DateTime.UtcNow, e));
            }
        });
    }

    public Reflector Reflector { get; }

    public ConcurrentQueue<ReflectorEvent> Events { get; } = new();

    /// <summary>Every reported change with when it was reported (UTC).</summary>
    public ConcurrentQueue<(DateTime At, ReflectorEvent Event)> EventTimes { get; } = new();

    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Every failure with when it was reported (UTC).</summary>
    public ConcurrentQueue<(DateTime At, Exception Error)> ErrorTimes { get; } = new();

    /// <summary>When the reflector first reported <paramref name="type"/> for <paramref name="name"/>, or null.</summary>
    public DateTime? FirstSeen(ReflectorEventType type, string name) =>
        EventTimes.Where(e => e.Event.Type == type && e.Event.Item is not null && Objects.Name(e.Event.Item) == name).Select(e => (DateTime?)e.At).FirstOrDefault();

    public int Synced => Events.Count(e => e.Type == ReflectorEventType.Synced);

    public bool Saw(ReflectorEventType type, string name) => Events.Any(e => e.Type == type && e.Item is not null && Objects.Name(e.Item) == name);

    /// <summary>Waits until the reflector's store holds exactly what a fresh list returns (names and versions).</summary>
    public Task WaitUntilMatchesServerAsync(IKubernetesClient client, ResourceType type, string ns, TimeSpan timeout) =>
        Eventually.ThatAsync(async () =>
        {
            var server = (await client.ListAsync(type, ns)).Items.ToDictionary(Objects.Name, Objects.ResourceVersion);
            var mirror = Reflector.Items.Values.ToDictionary(s => s.Name, s => s.ResourceVersion);
            return server.Count == mirror.Count && server.All(kv => mirror.TryGetValue(kv.Key, out var rv) && rv == kv.Value);
        }, timeout, "reflector store equals the server's list");

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
