using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning.Images;

/// <summary>The steps of a pod template whose command must come from their image (they have no <c>command</c>).</summary>
internal static class ImageNeeds
{
    /// <summary>Each step without <c>command</c> with its image and the Pod's platform, in container order.</summary>
    public static IReadOnlyList<StepImage> Of(JsonObject? template, string defaultPlatform)
    {
        var podSpec = JsonRead.At(template, "spec") as JsonObject;
        var platform = PodPlatform.Of(podSpec, defaultPlatform);
        return [.. JsonRead.Objects(podSpec, "containers")
            .Where(c => c["command"] is null && JsonRead.Text(c, "image") is { Length: > 0 } && JsonRead.Text(c, "name") is { Length: > 0 })
            .Select(c => new StepImage(JsonRead.Text(c, "name")!, new ImageKey(JsonRead.Text(c, "image")!, platform), JsonRead.Texts(c, "args")))];
    }
}
