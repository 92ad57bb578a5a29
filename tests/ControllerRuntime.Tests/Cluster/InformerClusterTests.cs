using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

[Collection(RuntimeClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class InformerClusterTests(RuntimeClusterFixture cluster)
{
    private const string Selector = InformerOptions.ManagedBySelector;

    [Fact]
    public async Task The_cache_syncs_and_follows_only_labelled_ConfigMaps()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-informer");
        var managed = ConfigMaps.Labels((ConfigMaps.Managed, "kueueleuleu"));
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "before", managed);
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "unlabelled", ConfigMaps.Labels());
        var informer = new Informer(cluster.Client, ResourceType.ConfigMaps, ConfigMaps.Options(ns.Name, Selector));
        var events = Channel.CreateUnbounded<InformerEvent>();
        informer.Subscribe(e => events.Writer.TryWrite(e));
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await informer.WaitForSyncAsync().WaitAsync(Eventually.DefaultTimeout);
        Assert.True(informer.HasSynced);
        Assert.Equal(["before"], informer.List(ns.Name).Select(Name));
        Assert.Null(informer.Get(new ObjectKey(ns.Name, "unlabelled")));
        Assert.Null(informer.Get(new ObjectKey(ns.Name, "before"))!["metadata"]!["managedFields"]);
        Assert.Equal((InformerEventType.Added, "before"), await NextAsync(events));

        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "ignored", ConfigMaps.Labels());
        await ConfigMaps.SetValueAsync(cluster.Client, ns.Name, "ignored", "1");
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "after", managed, "0");
        Assert.Equal((InformerEventType.Added, "after"), await NextAsync(events));

        await ConfigMaps.SetValueAsync(cluster.Client, ns.Name, "after", "1");
        var updated = await events.Reader.ReadAsync().AsTask().WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(InformerEventType.Updated, updated.Type);
        Assert.Equal(("0", "1"), (ConfigMaps.Value(updated.OldObject), ConfigMaps.Value(updated.NewObject)));
        Assert.Equal("1", ConfigMaps.Value(informer.Get(new ObjectKey(ns.Name, "after"))));

        // Losing the label takes an object out of the selector: the cache reports it deleted.
        await cluster.Client.PatchAsync(ResourceType.ConfigMaps, ns.Name, "before", Patch.Merge(new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [ConfigMaps.Managed] = null } },
        }));
        Assert.Equal((InformerEventType.Deleted, "before"), await NextAsync(events));
        await cluster.Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "after");
        Assert.Equal((InformerEventType.Deleted, "after"), await NextAsync(events));

        Assert.Equal(0, informer.Count);
        Assert.False(events.Reader.TryRead(out var unexpected), $"unexpected event {unexpected?.Type} {unexpected?.Latest}");
        await stop.CancelAsync();
        await run.WaitAsync(Eventually.DefaultTimeout);
    }

    [Fact]
    public async Task Labelled_Jobs_appear_in_the_cache_and_can_be_listed_by_label()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-jobs");
        // All namespaces: other tests' labelled Jobs may be cached too.
        var informer = new Informer(cluster.Client, ResourceType.Jobs, new InformerOptions { LabelSelector = Selector });
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync().WaitAsync(Eventually.DefaultTimeout);

        await cluster.Client.CreateAsync(ResourceType.Jobs, ns.Name, Job("ours", ConfigMaps.Labels((ConfigMaps.Managed, "kueueleuleu"), (KeyMappers.SequentialJobLabel, "build"))));
        await cluster.Client.CreateAsync(ResourceType.Jobs, ns.Name, Job("theirs", ConfigMaps.Labels((KeyMappers.SequentialJobLabel, "build"))));

        // Named like the label value it does not carry: found in its text, then ruled out on the parsed object.
        var decoy = await cluster.Client.CreateAsync(ResourceType.Jobs, ns.Name, Job("build", ConfigMaps.Labels((ConfigMaps.Managed, "kueueleuleu"), (KeyMappers.SequentialJobLabel, "other"))));

        await Eventually.ThatAsync(() => informer.Get(new ObjectKey(ns.Name, "ours")) is not null && informer.Get(new ObjectKey(ns.Name, "build")) is not null, "the labelled Jobs are cached");
        Assert.Equal(["ours"], informer.ListByLabel(ns.Name, KeyMappers.SequentialJobLabel, "build").Select(Name));
        Assert.Empty(informer.ListByLabel("elsewhere", KeyMappers.SequentialJobLabel, "build"));
        Assert.Null(informer.Get(new ObjectKey(ns.Name, "theirs")));
        Assert.Equal([new ObjectKey(ns.Name, "build"), new ObjectKey(ns.Name, "ours")], informer.Keys().Where(k => k.Namespace == ns.Name).OrderBy(k => k.Name, StringComparer.Ordinal));
        var uid = ObjectMetadata.Uid(decoy)!;
        Assert.Equal("build", Name(informer.GetByUid(ns.Name, uid)!));
        Assert.Null(informer.GetByUid("elsewhere", uid));
        Assert.Null(informer.GetByUid(ns.Name, "no-such-uid"));
        await stop.CancelAsync();
        await run.WaitAsync(Eventually.DefaultTimeout);
    }

    private static string Name(JsonObject obj) => ObjectMetadata.Name(obj)!;

    private static async Task<(InformerEventType, string)> NextAsync(Channel<InformerEvent> events)
    {
        var next = await events.Reader.ReadAsync().AsTask().WaitAsync(Eventually.DefaultTimeout);
        return (next.Type, Name(next.Latest));
    }

    private static JsonObject Job(string name, JsonObject labels) => new()
    {
        ["apiVersion"] = "batch/v1",
        ["kind"] = "Job",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
        ["spec"] = new JsonObject
        {
            ["backoffLimit"] = 0,
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["automountServiceAccountToken"] = false,
                    ["terminationGracePeriodSeconds"] = 0,
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "main",
                        ["image"] = "localhost/busybox:local",
                        ["imagePullPolicy"] = "Never",
                        ["command"] = new JsonArray("true"),
                    }),
                },
            },
        },
    };
}
