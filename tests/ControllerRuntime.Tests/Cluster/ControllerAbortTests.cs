using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.ControllerRuntime.Reconcile;
using Kueueleuleu.Kubernetes.Resources;

namespace Kueueleuleu.ControllerRuntime.Tests.Cluster;

/// <summary>
/// How a controller stops: gracefully (in-flight reconciles keep their token for the grace period) or aborted by the end
/// of a leadership term (their token is cancelled in the same instant, no grace).
/// </summary>
[Collection(RuntimeClusterTests.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ControllerAbortTests(RuntimeClusterFixture cluster)
{
    private const string Selector = "app.kubernetes.io/managed-by=kueueleuleu,role=primary";

    [Fact]
    public async Task An_abort_cancels_in_flight_reconciles_at_once_and_a_graceful_stop_gives_them_the_grace_period()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rt-abort");
        await ConfigMaps.CreateAsync(cluster.Client, ns.Name, "busy", ConfigMaps.Labels((ConfigMaps.Managed, "kueueleuleu"), ("role", "primary")));

        // Graceful: the reconcile is still running, its token untouched, once the stop was requested.
        var (graceful, gracefulToken) = await StartBlockedAsync(ns.Name);
        await graceful.Stop.CancelAsync();
        Assert.False(gracefulToken.IsCancellationRequested);
        await graceful.DisposeAsync();

        // Abort: the token is cancelled by the time the abort returns.
        var (aborted, abortedToken) = await StartBlockedAsync(ns.Name);
        await aborted.Abort.CancelAsync();
        Assert.True(abortedToken.IsCancellationRequested);
        await aborted.Run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(aborted.Controller.IsRunning);
        await aborted.DisposeAsync();
    }

    /// <summary>A controller whose one reconcile blocks until its token is cancelled; returns once it blocks.</summary>
    private async Task<(Running Running, CancellationToken Token)> StartBlockedAsync(string ns)
    {
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler(async (_, _, ct) =>
        {
            started.TrySetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
            return ReconcileResult.Done;
        });
        var informer = new Informer(cluster.Client, ResourceType.ConfigMaps, ConfigMaps.Options(ns, Selector));
        var controller = new Controller(informer, reconciler, new ControllerOptions { Name = "abort", Workers = 1, ShutdownTimeout = TimeSpan.FromSeconds(2) });
        var running = new Running(informer, controller);
        var token = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (running, token);
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource informerStop = new();
        private readonly Task informerRun;

        public Running(Informer informer, Controller controller)
        {
            Controller = controller;
            informerRun = informer.RunAsync(informerStop.Token);
            Run = controller.RunAsync(Stop.Token, Abort.Token);
        }

        public Controller Controller { get; }

        public CancellationTokenSource Stop { get; } = new();

        public CancellationTokenSource Abort { get; } = new();

        public Task Run { get; }

        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(60));
            await informerStop.CancelAsync();
            await informerRun.WaitAsync(TimeSpan.FromSeconds(60));
            Stop.Dispose();
            Abort.Dispose();
            informerStop.Dispose();
        }
    }
}
