using System.Text.Json.Nodes;
using Kueueleuleu.Entities.Validation;
using Kueueleuleu.Objects;
using Kueueleuleu.Registry.Manifests;

namespace Kueueleuleu.Operator.Planning.Images;

/// <summary>The steps of a pod template whose command must come from their image (they have no <c>command</c>).</summary>
internal static class ImageNeeds
{
    /// <summary>The path of the pod spec in a SequentialJob, for messages.</summary>
    private const string SpecPath = "spec.template.spec";

    /// <summary>
    /// Each step without <c>command</c> with its image and the platform its Pod will run on (the same rules as
    /// <c>kueueleuleu convert</c>: <see cref="PlatformSelection"/>), in container order; or why the platform cannot be
    /// told (a spec that lets the Pod run on several architectures), with the field's path.
    /// </summary>
    public static (IReadOnlyList<StepImage> Needs, FieldError? Error) Of(JsonObject? template, string defaultPlatform)
    {
        var podSpec = JsonRead.At(template, "spec") as JsonObject;
        var steps = JsonRead.Objects(podSpec, "containers")
            .Where(c => c["command"] is null && JsonRead.Text(c, "image") is { Length: > 0 } && JsonRead.Text(c, "name") is { Length: > 0 })
            .ToList();
        if (steps.Count == 0)
        {
            return ([], null);
        }

        var choice = PlatformSelection.Select(podSpec!, SpecPath, Platform.Parse(defaultPlatform));
        if (!choice.Succeeded)
        {
            return ([], new FieldError(choice.ErrorPath!, $"{choice.Error}; a step without command runs its image's ENTRYPOINT and CMD, which are read for one platform"));
        }

        var platform = choice.Platform.ToString();
        return ([.. steps.Select(c => new StepImage(JsonRead.Text(c, "name")!, new ImageKey(JsonRead.Text(c, "image")!, platform), JsonRead.Texts(c, "args")))], null);
    }
}
