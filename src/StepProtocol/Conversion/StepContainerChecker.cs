using System.Text.Json.Nodes;
using Kueueleuleu.Objects;
using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>Checks that a step container can be wrapped: its command, args and termination path are readable.</summary>
internal static class StepContainerChecker
{
    /// <summary>
    /// Adds an error for every field of <paramref name="container"/> that prevents wrapping it. A missing
    /// <c>command</c> is fine when <paramref name="options"/> know what the container's image runs.
    /// </summary>
    public static void Check(NamedItem container, ConversionOptions options, List<ConversionError> errors)
    {
        var node = container.Node;
        var commandPath = JsonPath.Property(container.Path, "command");
        if (node["command"] is null)
        {
            CheckImageCommand(container, options, commandPath, errors);
        }
        else if (JsonRead.Texts(node["command"]) is not { Count: > 0 })
        {
            errors.Add(new(commandPath, $"must be a non-empty array of strings, not {JsonRead.Describe(node["command"])}"));
        }

        if (node["args"] is { } args && JsonRead.Texts(args) is null)
        {
            errors.Add(new(JsonPath.Property(container.Path, "args"), $"must be an array of strings, not {JsonRead.Describe(args)}"));
        }

        if (node["terminationMessagePath"] is { } path && JsonRead.Text(path) is not { Length: > 0 })
        {
            errors.Add(new(JsonPath.Property(container.Path, "terminationMessagePath"), $"must be a file path, not {JsonRead.Describe(path)}"));
        }
    }

    /// <summary>The command of a step without one: the image's, when it is known and there is something to run.</summary>
    public static ResolvedCommand? ImageCommand(JsonObject container, ConversionOptions options) =>
        JsonRead.Text(container["image"]) is { } image && options.Images.TryGetValue(image, out var facts)
            ? EffectiveCommand.Resolve(facts.Entrypoint, facts.Cmd, JsonRead.Texts(container["args"]))
            : null;

    private static void CheckImageCommand(NamedItem container, ConversionOptions options, string commandPath, List<ConversionError> errors)
    {
        var image = JsonRead.Text(container.Node["image"]);
        switch (ImageCommand(container.Node, options))
        {
            case null:
                errors.Add(new(
                    commandPath,
                    $"is missing in container '{container.Name}' and what its image {(image is null ? "" : $"'{image}' ")}runs is not known here (it was not looked up in its registry), so the step cannot be wrapped; set command (and args) explicitly to what the image runs"));
                break;
            case { Succeeded: false } failed:
                errors.Add(new(commandPath, $"is missing in container '{container.Name}' and {failed.Error.Replace("the image sets", $"its image '{image}' sets", StringComparison.Ordinal)}"));
                break;
        }
    }
}
