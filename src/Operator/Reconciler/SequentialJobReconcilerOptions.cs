using Kueueleuleu.StepProtocol;

namespace Kueueleuleu.Operator.Reconciler;

/// <summary>How the SequentialJob reconciler behaves.</summary>
public sealed record SequentialJobReconcilerOptions
{
    /// <summary>The image of the injected init container that copies the entrypoint into the Pod.</summary>
    public string EntrypointImage { get; init; } = ConversionOptions.DefaultEntrypointImage;

    /// <summary>How long to wait before looking again at a SequentialJob whose Job name is taken by a foreign Job.</summary>
    public TimeSpan BlockedRetryInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The platform of steps without command whose Pod names none (<c>os/arch[/variant]</c>).</summary>
    public string DefaultPlatform { get; init; } = Planning.ReconcileSettings.LinuxAmd64;

    /// <summary>
    /// The pause before reconciling again after a write lost a race (a status Conflict, a Job that already existed):
    /// long enough for the watch to deliver the newer object to the cache.
    /// </summary>
    public TimeSpan RaceRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many reconciles of one controller may hold a whole large SequentialJob at once (read from the server because the
    /// cache keeps only part of it). Each costs several times the object's size while it is parsed, validated and
    /// converted; many at once would let a namespace of megabyte-sized objects exhaust the operator.
    /// </summary>
    public int WholeObjectConcurrency { get; init; } = 1;

    /// <summary>The field manager of the operator's writes, visible in <c>metadata.managedFields</c>.</summary>
    public string FieldManager { get; init; } = "kueueleuleu-operator";
}
