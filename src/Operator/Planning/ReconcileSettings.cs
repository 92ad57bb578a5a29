using Kueueleuleu.StepProtocol;

namespace Kueueleuleu.Operator.Planning;

/// <summary>What the operator was configured with, as far as planning a reconcile needs it.</summary>
/// <param name="EntrypointImage">
/// The image of the injected <c>kueueleuleu-init</c> container that copies the entrypoint into the Pod.
/// </param>
/// <param name="BlockedRetryInterval">
/// How long to wait before looking again at a SequentialJob whose Job name is taken by a Job it does not control.
/// That Job may not carry the operator's labels, so its deletion would never wake the SequentialJob up.
/// </param>
/// <param name="DefaultPlatform">
/// The platform (<c>os/arch[/variant]</c>) whose image config a step without command runs when its Pod does not say.
/// </param>
/// <param name="PinImages">Whether such steps' images are pinned to the digest that was looked up.</param>
internal sealed record ReconcileSettings(string EntrypointImage, TimeSpan BlockedRetryInterval, string DefaultPlatform = ReconcileSettings.LinuxAmd64, bool PinImages = true)
{
    /// <summary>The platform of most nodes, the default of <see cref="DefaultPlatform"/>.</summary>
    public const string LinuxAmd64 = "linux/amd64";

    /// <summary>The settings of an operator started without options.</summary>
    public static ReconcileSettings Default { get; } =
        new(ConversionOptions.DefaultEntrypointImage, TimeSpan.FromMinutes(1));
}
