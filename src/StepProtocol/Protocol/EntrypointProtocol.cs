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

    /// <summary>The first field of the termination line of entrypoints before version 3; <c>2</c> is its format version.</summary>
    public const string TerminationLinePrefix = "kueueleuleu/2";

    /// <summary>The flag giving the step's timeout in Go duration syntax; present only when set.</summary>
    public const string TimeoutFlag = "--timeout=";

    /// <summary>The flag giving the number of extra attempts after a failed one; absent means 0.</summary>
    public const string RetriesFlag = "--retries=";

    /// <summary>The flag giving the wait before the second attempt in Go duration syntax; absent means 1s.</summary>
    public const string RetryBackoffFlag = "--retry-backoff=";

    /// <summary>The flag saying when the step runs: <c>on-success</c> (absent), <c>on-failure</c> or <c>always</c>.</summary>
    public const string WhenFlag = "--when=";

    /// <summary>The flag asking for a failed step to be held for debugging: <c>on-failure</c>; absent means never.</summary>
    public const string DebugFlag = "--debug=";

    /// <summary>The flag giving the longest debug hold in Go duration syntax; absent means 1h.</summary>
    public const string DebugTimeoutFlag = "--debug-timeout=";

    /// <summary>The flag giving the most bytes the entrypoint may write to the termination log.</summary>
    public const string TerminationBudgetFlag = "--termination-budget=";

    /// <summary>The termination budget the entrypoint assumes when <see cref="TerminationBudgetFlag"/> is absent.</summary>
    public const int DefaultTerminationBudget = 4096;

    /// <summary>
    /// The kubelet's budget for the termination messages of all the containers of one Pod, init containers included,
    /// shared equally among them.
    /// </summary>
    public const int PodTerminationBudget = 12288;

    /// <summary>The first field of the termination message of the current entrypoint; <c>3</c> is its format version.</summary>
    public const string TerminationMessageV3Prefix = "kueueleuleu/3";

    /// <summary>The pod-template annotation giving the whole run's debug default: <c>Never</c> or <c>OnFailure</c>.</summary>
    public const string DebugAnnotation = "kueueleuleu.io/debug";

    /// <summary>The entrypoint verb ending a debug hold: <c>entrypoint release [--step=NAME]</c>.</summary>
    public const string ReleaseVerb = "release";

    /// <summary>The entrypoint verb of the readiness probe of a debug step: exit 0 while the step is held.</summary>
    public const string HeldVerb = "held";

    /// <summary>The flag giving the path the entrypoint writes the termination message to.</summary>
    public const string TerminationLogFlag = "--termination-log=";

    /// <summary>Separates the entrypoint's flags from the original command and args.</summary>
    public const string EndOfFlags = "--";

    /// <summary>The command of the injected init container.</summary>
    public static IReadOnlyList<string> CopyCommand { get; } = ["/entrypoint", "copy", MountPath];
}
