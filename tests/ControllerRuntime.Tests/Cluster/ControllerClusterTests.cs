using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

[Collection(RuntimeClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ControllerClusterTests(RuntimeClusterFixture cluster)
{
    private const string Primary = "app.kubernetes.io/managed-by=kueueleuleu,role=primary";
    private const string Secondary = "app.kubernetes.io/managed-by=kueueleuleu,role=secondary";
    private static readonly JsonObject PrimaryLabels = ConfigMaps.Labels((ConfigMaps.Managed, "kueueleuleu"), ("role", "primary"));

    [Fact]
    public async Task Every_object_is_reconciled_and_each_change_reconciles_its_key_again()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-ctrl");
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "existing", PrimaryLabels);
        var reconciler = new RecordingReconciler();
        await using var running = await RunningController.StartAsync(cluster, ns.Name, reconciler);

        var existing = new ObjectKey(ns.Name, "existing");
        await Eventually.ThatAsync(() => reconciler.Count(existing) == 1, "the object present at start is reconciled");
        for (var i = 0; i < 5; i++)
        {
            await ConfigMaps.CreateAsync(cluster.Client, ns.Name, $"cm-{i}", PrimaryLabels);
        }

        await Eventually.ThatAsync(() => Enumerable.Range(0, 5).All(i => reconciler.Count(new ObjectKey(ns.Name, $"cm-{i}")) >= 1), "each new object is reconciled");
        await ConfigMaps.SetValueAsync(cluster.Client, ns.Name, "existing", "1");
        await Eventually.ThatAsync(() => reconciler.Count(existing) == 2, "a change reconciles the key again");
        await cluster.Client.DeleteAsync(ResourceType.ConfigMaps, ns.Name, "existing");
        await Eventually.ThatAsync(() => reconciler.Count(existing) == 3, "a deletion reconciles the key again");
        Assert.Equal(0, reconciler.Overlaps);
    }

    [Fact]
    public async Task The_controller_is_idle_once_the_first_pass_over_every_object_is_done()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-idle");
        for (var i = 0; i < 3; i++)
        {
            await ConfigMaps.CreateAsync(cluster.Client, ns.Name, $"cm-{i}", PrimaryLabels);
        }

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler(async (_, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return ReconcileResult.Done;
        });
        await using var running = await RunningController.StartAsync(cluster, ns.Name, reconciler, workers: 1);

        await Eventually.ThatAsync(() => reconciler.Count(new ObjectKey(ns.Name, "cm-0")) + reconciler.Count(new ObjectKey(ns.Name, "cm-1")) + reconciler.Count(new ObjectKey(ns.Name, "cm-2")) >= 1, "the first pass started");
        Assert.False(running.Controller.IsIdle);
        release.SetResult();
        await Eventually.ThatAsync(() => running.Controller.IsIdle, "the first pass ends");

        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, reconciler.Count(new ObjectKey(ns.Name, $"cm-{i}"))));
        await running.StopAsync();
        Assert.False(running.Controller.IsIdle);
    }

    [Fact]
    public async Task A_burst_of_updates_while_a_key_is_reconciled_is_folded_into_one_more_reconcile()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-burst");
        var key = new ObjectKey(ns.Name, "busy");
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? lastSeen = null;
        Informer? cache = null;
        var reconciler = new RecordingReconciler(async (k, attempt, ct) =>
        {
            if (attempt == 1)
            {
                firstStarted.TrySetResult();
                await release.Task.WaitAsync(ct);
            }

            lastSeen = ConfigMaps.Value(cache!.Get(k));
            return ReconcileResult.Done;
        });
        await using var running = await RunningController.StartAsync(cluster, ns.Name, reconciler, workers: 4);
        cache = running.Primary;

        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "busy", PrimaryLabels);
        await firstStarted.Task.WaitAsync(Eventually.DefaultTimeout);
        for (var i = 1; i <= 50; i++)
        {
            await ConfigMaps.SetValueAsync(cluster.Client, ns.Name, "busy", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Eventually.ThatAsync(() => ConfigMaps.Value(running.Primary.Get(key)) == "50", "the cache saw the last update");
        release.SetResult();
        // The first reconcile, released only now, already reads "50" from the cache: wait for the second one, which
        // the burst queued, rather than for the value (stopping before it starts would drop it).
        await Eventually.ThatAsync(() => reconciler.Count(key) >= 2, "the key is reconciled again after the burst");
        await running.StopAsync();

        // One reconcile was running through the whole burst; the 50 updates queued the key once.
        Assert.Equal(2, reconciler.Count(key));
        Assert.Equal("50", lastSeen);
        Assert.Equal(0, reconciler.Overlaps);
    }

    [Fact]
    public async Task Many_workers_under_many_updates_never_reconcile_one_key_twice_at_once()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-concurrency");
        var reconciler = new RecordingReconciler(async (_, _, ct) =>
        {
            await Task.Delay(Random.Shared.Next(1, 20), ct);
            return ReconcileResult.Done;
        });
        await using var running = await RunningController.StartAsync(cluster, ns.Name, reconciler, workers: 8);
        var names = Enumerable.Range(0, 5).Select(i => $"cm-{i}").ToArray();
        foreach (var name in names)
        {
            await ConfigMaps.CreateAsync(cluster.Client, ns.Name, name, PrimaryLabels);
        }

        await Task.WhenAll(names.Select(async name =>
        {
            for (var i = 1; i <= 20; i++)
            {
                await ConfigMaps.SetValueAsync(cluster.Client, ns.Name, name, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }));
        await Eventually.ThatAsync(() => names.All(n => ConfigMaps.Value(running.Primary.Get(new ObjectKey(ns.Name, n))) == "20"), "the cache saw every last update");
        await Eventually.ThatAsync(() => running.Controller.QueueLength == 0, "the queue empties");
        await running.StopAsync();

        Assert.Equal(0, reconciler.Overlaps);
        Assert.All(names, n => Assert.InRange(reconciler.Count(new ObjectKey(ns.Name, n)), 1, 21));
    }

    [Fact]
    public async Task Secondary_objects_reconcile_the_primary_named_by_label_or_controller_reference()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-secondary");
        var reconciler = new RecordingReconciler();
        await using var running = await RunningController.StartAsync(cluster, ns.Name, reconciler, withSecondary: true);
        var owner = await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "owner", PrimaryLabels);
        var key = new ObjectKey(ns.Name, "owner");
        await Eventually.ThatAsync(() => reconciler.Count(key) == 1, "the primary is reconciled");

        var secondaryLabels = ConfigMaps.Labels((ConfigMaps.Managed, "kueueleuleu"), ("role", "secondary"), (KeyMappers.SequentialJobLabel, "owner"));
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "by-label", secondaryLabels);
        await Eventually.ThatAsync(() => reconciler.Count(key) == 2, "a labelled secondary reconciles its primary");

        var controllerReference = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["name"] = "owner",
            ["uid"] = (string?)owner["metadata"]!["uid"],
            ["controller"] = true,
        };
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "by-owner", ConfigMaps.Labels((ConfigMaps.Managed, "kueueleuleu"), ("role", "secondary")), owners: [controllerReference]);
        await Eventually.ThatAsync(() => reconciler.Count(key) == 3, "an owned secondary reconciles its controller");
        Assert.Equal(0, reconciler.Count(new ObjectKey(ns.Name, "by-label")));
    }

    [Fact]
    public async Task Failures_are_retried_with_backoff_and_RequeueAfter_reconciles_again_without_changes()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-retry");
        var reconciler = new RecordingReconciler((key, attempt, _) => key.Name switch
        {
            "flaky" when attempt <= 2 => throw new InvalidOperationException($"attempt {attempt} fails"),
            "poll" when attempt == 1 => Task.FromResult(ReconcileResult.After(TimeSpan.FromMilliseconds(200))),
            _ => Task.FromResult(ReconcileResult.Done),
        });
        await using var running = await RunningController.StartAsync(cluster, ns.Name, reconciler);
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "flaky", PrimaryLabels);
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "poll", PrimaryLabels);

        await Eventually.ThatAsync(() => reconciler.Count(new ObjectKey(ns.Name, "flaky")) == 3, "two failures are retried");
        await Eventually.ThatAsync(() => reconciler.Count(new ObjectKey(ns.Name, "poll")) == 2, "RequeueAfter reconciles again");
    }

    [Fact]
    public async Task Stopping_lets_an_in_flight_reconcile_finish_and_cancels_one_that_outlives_the_grace_period()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-stop");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = "";
        var reconciler = new RecordingReconciler(async (key, _, ct) =>
        {
            started.TrySetResult();
            try
            {
                await mayFinish.Task.WaitAsync(ct);
                outcome = "finished";
            }
            catch (OperationCanceledException)
            {
                outcome = "cancelled";
                throw;
            }

            return ReconcileResult.Done;
        });
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "slow", PrimaryLabels);

        await using (var running = await RunningController.StartAsync(cluster, ns.Name, reconciler, shutdownTimeout: TimeSpan.FromSeconds(20)))
        {
            await started.Task.WaitAsync(Eventually.DefaultTimeout);
            var stopping = running.StopAsync();
            Assert.False(stopping.IsCompleted);
            mayFinish.SetResult();
            await stopping.WaitAsync(Eventually.DefaultTimeout);
            Assert.Equal("finished", outcome);
            Assert.False(running.Controller.IsRunning);
        }

        started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var running = await RunningController.StartAsync(cluster, ns.Name, reconciler, shutdownTimeout: TimeSpan.FromMilliseconds(200)))
        {
            await started.Task.WaitAsync(Eventually.DefaultTimeout);
            await running.StopAsync().WaitAsync(Eventually.DefaultTimeout);
            Assert.Equal("cancelled", outcome);
        }
    }
}
