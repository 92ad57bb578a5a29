using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.Kubernetes.Tests.Cluster;

[Collection(ClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class PodLogTests(ClusterFixture cluster)
{
    private static readonly TimeSpan PodTimeout = TimeSpan.FromSeconds(120);

    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Logs_of_a_finished_pod_with_container_tail_and_since()
    {
        await using var ns = await cluster.CreateNamespaceAsync("logs");
        await ns.WaitForDefaultServiceAccountAsync();
        var pod = Objects.Pod("p", "echo alpha; echo beta; echo gamma", "main", new JsonArray(Objects.Container("side", "echo from-side")));
        await Client.CreateAsync(ResourceType.Pods, ns.Name, pod);
        await Eventually.ThatAsync(async () => Phase(await Client.GetAsync(ResourceType.Pods, ns.Name, "p")) == "Succeeded", PodTimeout, "pod Succeeded");

        var main = await Client.GetPodLogsAsync(ns.Name, "p", new PodLogOptions { Container = "main" });
        var side = await Client.GetPodLogsAsync(ns.Name, "p", new PodLogOptions { Container = "side" });
        var tail = await Client.GetPodLogsAsync(ns.Name, "p", new PodLogOptions { Container = "main", TailLines = 1 });
        var future = await Client.GetPodLogsAsync(ns.Name, "p", new PodLogOptions { Container = "main", SinceTime = DateTimeOffset.UtcNow.AddHours(1) });
        var past = await Client.GetPodLogsAsync(ns.Name, "p", new PodLogOptions { Container = "main", SinceTime = DateTimeOffset.UtcNow.AddHours(-1) });

        Assert.Equal("alpha\nbeta\ngamma\n", main);
        Assert.Equal("from-side\n", side);
        Assert.Equal("gamma\n", tail);
        Assert.Equal("", future);
        Assert.Equal(main, past);
    }

    [Fact]
    public async Task Follow_delivers_lines_while_the_container_is_still_printing()
    {
        await using var ns = await cluster.CreateNamespaceAsync("follow");
        await ns.WaitForDefaultServiceAccountAsync();
        await Client.CreateAsync(ResourceType.Pods, ns.Name, Objects.Pod("ticker", "i=0; while [ $i -lt 300 ]; do echo tick-$i; i=$((i+1)); sleep 1; done"));
        await Eventually.ThatAsync(async () => Phase(await Client.GetAsync(ResourceType.Pods, ns.Name, "ticker")) == "Running", PodTimeout, "pod Running");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var lines = new List<string>();
        await foreach (var line in Client.FollowPodLogsAsync(ns.Name, "ticker", cancellationToken: stop.Token))
        {
            lines.Add(line);
            if (lines.Count == 3)
            {
                break;
            }
        }

        // The container prints for five minutes; three lines arriving while it still runs proves streaming.
        var pod = await Client.GetAsync(ResourceType.Pods, ns.Name, "ticker");
        Assert.Equal(["tick-0", "tick-1", "tick-2"], lines);
        Assert.Equal("Running", Phase(pod));
    }

    [Fact]
    public async Task Follow_ends_when_the_container_exits()
    {
        await using var ns = await cluster.CreateNamespaceAsync("followend");
        await ns.WaitForDefaultServiceAccountAsync();
        await Client.CreateAsync(ResourceType.Pods, ns.Name, Objects.Pod("short", "sleep 3; echo one; sleep 1; echo two"));
        await Eventually.ThatAsync(async () => Phase(await Client.GetAsync(ResourceType.Pods, ns.Name, "short")) is "Running" or "Succeeded", PodTimeout, "pod started");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var lines = await Client.FollowPodLogsAsync(ns.Name, "short", cancellationToken: stop.Token).ToListAsync(stop.Token);

        Assert.Equal(["one", "two"], lines);
    }

    private static string? Phase(JsonObject pod) => (string?)pod["status"]?["phase"];
}
