using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

/// <summary>A controller over ConfigMaps of one namespace (role=primary, optionally role=secondary), with its informers, running until disposed.</summary>
public sealed class RunningController : IAsyncDisposable
{
    private readonly CancellationTokenSource stopController = new();
    private readonly CancellationTokenSource stopInformers = new();
    private Task controllerRun = Task.CompletedTask;
    private Task informersRun = Task.CompletedTask;

    private RunningController(Informer primary, Controller controller)
    {
        Primary = primary;
        Controller = controller;
    }

    public Informer Primary { get; }

    public Controller Controller { get; }

    public static async Task<RunningController> StartAsync(
        RuntimeClusterFixture cluster, string ns, IReconciler reconciler, int workers = 2, bool withSecondary = false, TimeSpan? shutdownTimeout = null)
    {
        var primary = new Informer(cluster.Client, ResourceType.ConfigMaps, ConfigMaps.Options(ns, "app.kubernetes.io/managed-by=kueueleuleu,role=primary"));
        var options = new ControllerOptions { Name = "test", Workers = workers, ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(5) };
        var controller = new Controller(primary, reconciler, options);
        var informers = new List<Informer> { primary };
        if (withSecondary)
        {
            var secondary = new Informer(cluster.Client, ResourceType.ConfigMaps, ConfigMaps.Options(ns, "app.kubernetes.io/managed-by=kueueleuleu,role=secondary"));
            controller.Watch(secondary, KeyMappers.ByLabelOrController(KeyMappers.SequentialJobLabel, "", "ConfigMap"));
            informers.Add(secondary);
        }

        var running = new RunningController(primary, controller);
        running.informersRun = Task.WhenAll(informers.Select(i => i.RunAsync(running.stopInformers.Token)));
        running.controllerRun = controller.RunAsync(running.stopController.Token);
        await Eventually.ThatAsync(() => controller.IsRunning && primary.HasSynced, "the controller runs");
        return running;
    }

    public async Task StopAsync()
    {
        await stopController.CancelAsync();
        await controllerRun;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await stopInformers.CancelAsync();
        await informersRun.WaitAsync(TimeSpan.FromSeconds(30));
        stopController.Dispose();
        stopInformers.Dispose();
    }
}
