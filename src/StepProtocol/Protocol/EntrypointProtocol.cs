namespace Kueueleuleu.StepProtocol.Protocol;

/// <summary>
/// The names, paths and flags shared with the Go entrypoint, exactly as <c>docs/entrypoint.md</c> defines them.
/// Both the converter (which writes them) and the step-status reader (which reads them back) use these.
/// </summary>
public static class EntrypointProtocol
{
    /// <summary>The name of the shared <c>emptyDir</c> volume.</summary>
    public const string VolumeName = "kueueleuleu";

    /// <summary>Where the shared volume is mounted in the init container and in every step.</summary>
    public const string MountPath = "/kueueleuleu";

    /// <summary>The name of the injected init container that copies the entrypoint into the shared volume.</summary>
    public const string InitContainerName = "kueueleuleu-init";

    /// <summary>The path of the entrypoint binary inside the shared volume: the command of every step.</summary>
    public const string EntrypointPath = "/kueueleuleu/entrypoint";

    /// <summary>The termination message path Kubernetes uses when a container does not set one.</summary>
    public const string DefaultTerminationMessagePath = "/dev/termination-log";

    /// <summary>The pod-template annotation that carries the step policies as a JSON array.</summary>
    public const string StepsAnnotation = "kueueleuleu.io/steps";

    /// <summary>The first argument of a step's entrypoint.</summary>
    public const string RunVerb = "run";

    /// <summary>The flag naming the step.</summary>
    public const string StepFlag = "--step=";

    /// <summary>The flag listing the steps to wait for, comma separated; empty means start at once.</summary>
    public const string AfterFlag = "--after=";

    /// <summary>The flag saying what a failure does to dependants: <c>stop</c> or <c>continue</c>.</summary>
    public const string OnErrorFlag = "--on-error=";

    /// <summary>
    /// The flag giving the Pod's <c>restartPolicy</c>, which tells the entrypoint whether a dependency that died is
    /// over (<c>Never</c>, its default, so the flag is left out then) or will be restarted by the kubelet.
    /// </summary>
    public const string RestartPolicyFlag = "--restart-policy=";

    /// <summary>The restart policy the entrypoint assumes when <see cref="RestartPolicyFlag"/> is absent.</summary>
    public const string DefaultRestartPolicy = "Never";

    /// <summary>The first field of the entrypoint's termination line; the <c>2</c> is the line's format version.</summary>
    public const string TerminationLinePrefix = "kueueleuleu/2";

    /// <summary>The flag giving the step's timeout in Go duration syntax; present only when set.</summary>
    public const string TimeoutFlag = "--timeout=";

    /// <summary>The flag giving the path the entrypoint writes the termination message to.</summary>
    public const string TerminationLogFlag = "--termination-log=";

    /// <summary>Separates the entrypoint's flags from the original command and args.</summary>
    public const string EndOfFlags = "--";

    /// <summary>The command of the injected init container.</summary>
    public static IReadOnlyList<string> CopyCommand { get; } = ["/entrypoint", "copy", MountPath];
}
