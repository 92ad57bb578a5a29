using System.Text.Json.Nodes;
using Kueueleuleu.ControllerRuntime.Controllers;
using Kueueleuleu.ControllerRuntime.Diagnostics;
using Kueueleuleu.ControllerRuntime.Informers;
using Kueueleuleu.ControllerRuntime.LeaderElection;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Resources;
using Kueueleuleu.Kubernetes.Watching;
using Kueueleuleu.Operator.Images;
using Kueueleuleu.Operator.Planning;
using Kueueleuleu.Registry;
using Kueueleuleu.Operator.Reconciler;
using Kueueleuleu.Operator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// The caches and controllers of the operator: one set per watched namespace (or one for all namespaces), each a
/// SequentialJob informer, Job and Pod informers selecting the operator's label, an informer of the Job controller's
/// <c>FailedCreate</c> Events, a LimitRange informer, and a controller running the SequentialJob reconciler.
/// </summary>
internal sealed class OperatorComponents
{
    private OperatorComponents(IReadOnlyList<ReconcileCaches> caches, IReadOnlyList<Controller> controllers, EventSender events)
    {
        Caches = caches;
        Controllers = controllers;
        Events = events;
    }

    /// <summary>The Events the reconcilers post, sent in the background.</summary>
    public EventSender Events { get; }

    /// <summary>The caches, one set per scope.</summary>
    public IReadOnlyList<ReconcileCaches> Caches { get; }

    /// <summary>The controllers, one per scope.</summary>
    public IReadOnlyList<Controller> Controllers { get; }

    /// <summary>Every informer, for the host to run.</summary>
    public IEnumerable<Informer> Informers => Caches.SelectMany(c => c.All);

    /// <summary>Builds the components.</summary>
    /// <param name="settings">Namespaces, workers, entrypoint image, shutdown bound.</param>
    /// <param name="client">The API client.</param>
    /// <param name="telemetry">The metrics.</param>
    /// <param name="loggers">The logger factory.</param>
    /// <param name="identity">This replica's identity (Events' reporting instance).</param>
    /// <param name="elector">With leader election, the elector whose terms fence every write of the reconcilers and the Event sender.</param>
    /// <returns>The components.</returns>
    public static OperatorComponents Create(
        OperatorSettings settings, IKubernetesClient client, (OperatorMetrics Operator, RuntimeMetrics Runtime) telemetry, ILoggerFactory loggers, string identity, LeaderElector? elector)
    {
        // Caches read through the plain client (they stay warm on a standby); everything that writes goes through the fence.
        var writes = elector is null ? client : new FencedKubernetesClient(client, () => elector.Term);
        Func<CancellationToken>? leadership = elector is null ? null : () => elector.Term?.Lost ?? new CancellationToken(canceled: true);
        var options = new SequentialJobReconcilerOptions { EntrypointImage = settings.EntrypointImage, DefaultPlatform = settings.DefaultPlatform };
        var resolver = new ImageResolver(client, new RegistryClient(RegistryOptions(settings)), settings.PinImages, TimeProvider.System, loggers.CreateLogger<ImageResolver>());
        var recorder = new EventRecorder(writes, identity, TimeProvider.System, telemetry.Operator, loggers.CreateLogger<EventRecorder>());
        var events = new EventSender(recorder, loggers.CreateLogger<EventSender>(), leadership);
        var ownWrites = new OwnStatusWrites();
        var applier = new PlanApplier(writes, events, ownWrites, new RunTelemetry(telemetry.Operator), telemetry.Operator, options, loggers.CreateLogger<PlanApplier>());
        IReadOnlyList<string?> scopes = settings.Namespaces.Count == 0 ? [null] : [.. settings.Namespaces];
        var caches = new List<ReconcileCaches>();
        var controllers = new List<Controller>();
        foreach (var ns in scopes)
        {
            var scope = CreateCaches(client, ns, WatchPacing(settings.WatchIdleTimeout), telemetry.Runtime, loggers);
            scope.SequentialJobs.Subscribe(ownWrites.Observe);
            var reconciler = new SequentialJobReconciler(writes, scope, options, applier, ownWrites, TimeProvider.System, loggers.CreateLogger<SequentialJobReconciler>(), resolver);
            var controllerOptions = new ControllerOptions
            {
                Name = ns is null ? "sequentialjob" : $"sequentialjob/{ns}",
                Workers = settings.Workers,
                ShutdownTimeout = settings.ShutdownTimeout,
            };
            var mapper = SequentialJobKeyMapper.Create(scope.SequentialJobs);
            controllers.Add(new Controller(scope.SequentialJobs, reconciler, controllerOptions, loggers.CreateLogger<Controller>(), telemetry.Runtime)
                .Watch(scope.Jobs, mapper)
                .Watch(scope.Pods, mapper)
                .Watch(scope.JobEvents, JobEventKeyMapper.Create(scope.Jobs, mapper)));
            caches.Add(scope);
        }

        // A lookup that ended wakes the SequentialJob in the controller of its namespace (or the one of all namespaces).
        var byNamespace = scopes.Zip(controllers).ToDictionary(p => p.First ?? string.Empty, p => p.Second, StringComparer.Ordinal);
        resolver.OnDone(key => (byNamespace.GetValueOrDefault(key.Namespace ?? string.Empty) ?? byNamespace.GetValueOrDefault(string.Empty))?.Enqueue(key));
        return new OperatorComponents(caches, controllers, events);
    }

    private static RegistryClientOptions RegistryOptions(OperatorSettings settings) => new()
    {
        InsecureHosts = settings.InsecureRegistries.ToHashSet(StringComparer.OrdinalIgnoreCase),
        Mirrors = settings.RegistryMirrors,
        TrustedCertificates = settings.RegistryCaFile is { } file ? RegistryClientOptions.LoadCertificateBundle(file) : [],
    };

    /// <summary>
    /// The watch timings from the one idle bound: the server ends each watch within 60-80% of it, so a healthy watch,
    /// even a quiet one without bookmarks, always delivers its end before the bound presumes it dead.
    /// </summary>
    private static ReflectorOptions WatchPacing(TimeSpan idle) => new()
    {
        IdleTimeout = idle,
        MinWatchTimeout = idle * 0.6,
        MaxWatchTimeout = idle * 0.8,
    };

    private static ReconcileCaches CreateCaches(IKubernetesClient client, string? ns, ReflectorOptions watch, RuntimeMetrics metrics, ILoggerFactory loggers)
    {
        Informer Create(ResourceType type, InformerOptions options) =>
            new(client, type, options with { Namespace = ns, Watch = watch }, loggers.CreateLogger<Informer>(), metrics);

        return new ReconcileCaches(
            Create(SequentialJobResource.Type, new InformerOptions { Trim = CachedFields.TrimSequentialJob }),
            Create(ResourceType.Jobs, new InformerOptions { LabelSelector = InformerOptions.ManagedBySelector, Trim = CachedFields.TrimJob }),
            Create(ResourceType.Pods, new InformerOptions { LabelSelector = InformerOptions.ManagedBySelector, Trim = CachedFields.TrimPod }),
            Create(ResourceType.Events, new InformerOptions { FieldSelector = ReconcileCaches.JobEventSelector, Trim = CachedFields.TrimEvent }),
            Create(ResourceType.LimitRanges, new InformerOptions()));
    }
}
