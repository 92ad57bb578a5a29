namespace Kueueleuleu.StepProtocol.ImageCommands;

/// <summary>
/// The argv the kubelet and its container runtime run for a container whose <c>command</c> is empty (containerd's CRI
/// rule, which Docker's had before it): the image's ENTRYPOINT, followed by the container's <c>args</c> when it has
/// any, else by the image's CMD. An ENTRYPOINT of exactly one empty string (<c>ENTRYPOINT [""]</c>, the usual way to
/// clear an inherited one) counts as none. Nothing at all is an error, as in the runtime ("no command specified").
/// </summary>
public static class EffectiveCommand
{
    /// <summary>Resolves the argv of a container without <c>command</c>.</summary>
    /// <param name="imageEntrypoint">The image's <c>config.Entrypoint</c> (null when unset).</param>
    /// <param name="imageCmd">The image's <c>config.Cmd</c> (null when unset).</param>
    /// <param name="containerArgs">The container's <c>args</c> (null or empty when not given: the API drops an empty list).</param>
    /// <returns>The argv, or the error the runtime would report.</returns>
    public static ResolvedCommand Resolve(IReadOnlyList<string>? imageEntrypoint, IReadOnlyList<string>? imageCmd, IReadOnlyList<string>? containerArgs)
    {
        IReadOnlyList<string> command = imageEntrypoint is [""] ? [] : imageEntrypoint ?? [];
        IReadOnlyList<string> arguments = containerArgs is { Count: > 0 } ? containerArgs : imageCmd ?? [];
        if (command.Count == 0 && arguments.Count == 0)
        {
            return ResolvedCommand.Fail(
                "the image sets neither ENTRYPOINT nor CMD and the step has no command or args, so there is nothing to run "
                + "(the container runtime would refuse it with \"no command specified\"); give the step a command");
        }

        return ResolvedCommand.Run(command, arguments);
    }
}
