using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>Checks that a step container can be wrapped: its command, args and termination path are readable.</summary>
internal static class StepContainerChecker
{
    /// <summary>Adds an error for every field of <paramref name="container"/> that prevents wrapping it.</summary>
    public static void Check(NamedItem container, List<ConversionError> errors)
    {
        var node = container.Node;
        var commandPath = JsonPath.Property(container.Path, "command");
        if (node["command"] is null)
        {
            errors.Add(new(
                commandPath,
                $"is missing in container '{container.Name}': the image's ENTRYPOINT cannot be seen from the manifest, so the step cannot be wrapped; set command (and args) explicitly to what the image runs"));
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
}
