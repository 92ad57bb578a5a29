namespace Kueueleuleu.Cli.Images;

/// <summary>A step (a container of a pod template the converter converts) that has no <c>command</c>.</summary>
/// <param name="Name">The container's name, for messages (empty when it has none).</param>
/// <param name="Path">The container's path in the document (<c>spec.template.spec.containers[1]</c>).</param>
/// <param name="Image">The container's <c>image</c> as written, or <see langword="null"/> when it has none.</param>
internal sealed record StepWithoutCommand(string Name, string Path, string? Image)
{
    /// <summary>The path of the step's <c>image</c>.</summary>
    public string ImagePath => Path + ".image";

    /// <summary>The path of the step's <c>command</c>, where the converter reports a command it cannot know.</summary>
    public string CommandPath => Path + ".command";
}
