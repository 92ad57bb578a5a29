using Kueueleuleu.Entities;
using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.Operator.Planning.Images;

/// <summary>
/// Holds a Job back until every step without <c>command</c> knows what its image runs: nothing is created before that.
/// While lookups run the run is Pending with reason <see cref="ConditionReasons.ResolvingImages"/>; when one failed, with
/// <see cref="ConditionReasons.ImageLookupFailed"/> naming the step, the image and what was tried (a Warning Event follows
/// from the reason), and the shell tries again by itself.
/// </summary>
internal static class ImageGate
{
    /// <summary>How long an image found with nothing to run is trusted before it is looked up again (a tag may move).</summary>
    public static readonly TimeSpan LookAgain = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Why the Job must wait and when to look again, or <see langword="null"/> when every image is known and gives its
    /// step something to run.
    /// </summary>
    public static (Assessment Why, TimeSpan? Retry)? Hold(IReadOnlyList<StepImage> needs, IReadOnlyDictionary<ImageKey, ImageLookupState> states)
    {
        var failed = needs.Select(n => (n.Step, Problem: Problem(n, states.GetValueOrDefault(n.Key)))).Where(p => p.Problem is not null).ToList();
        if (failed.Count > 0)
        {
            var retry = failed.Min(p => p.Problem!.Value.RetryIn);
            var what = string.Join("; ", failed.Select(p => $"step {p.Step}: {p.Problem!.Value.Message.TrimEnd('.')}"));
            return (Pending(ConditionReasons.ImageLookupFailed,
                $"what a step without command runs cannot be looked up: {what}. Tried again in {StatusText.Duration(retry)}; the Job is created once every step's command is known"), retry);
        }

        var waiting = needs.Where(n => states.GetValueOrDefault(n.Key) is null or ImageLookupState.Pending).ToList();
        return waiting.Count == 0
            ? null
            : (Pending(ConditionReasons.ResolvingImages,
                $"looking up what the images of {string.Join(", ", waiting.Select(n => $"step {n.Step} ({n.Key})"))} run in their registries; the Job is created once every step's command is known"), null);
    }

    /// <summary>A failed lookup, or a found image that gives its step nothing to run (neither ENTRYPOINT nor CMD nor args).</summary>
    private static (string Message, TimeSpan RetryIn)? Problem(StepImage need, ImageLookupState? state) => state switch
    {
        ImageLookupState.Failed failed => (failed.Message, failed.RetryIn),
        ImageLookupState.Resolved resolved when EffectiveCommand.Resolve(resolved.Facts.Entrypoint, resolved.Facts.Cmd, need.Args) is { Succeeded: false } empty =>
            ($"image {need.Key.Image}: {empty.Error}", LookAgain),
        _ => null,
    };

    /// <summary>What each looked-up image runs, keyed by the image as written, for the converter.</summary>
    public static IReadOnlyDictionary<string, ImageFacts> Facts(IReadOnlyList<StepImage> needs, IReadOnlyDictionary<ImageKey, ImageLookupState> states) =>
        needs
            .Select(n => (n.Key.Image, State: states.GetValueOrDefault(n.Key)))
            .Where(p => p.State is ImageLookupState.Resolved)
            .DistinctBy(p => p.Image, StringComparer.Ordinal)
            .ToDictionary(p => p.Image, p => ((ImageLookupState.Resolved)p.State!).Facts, StringComparer.Ordinal);

    private static Assessment Pending(string reason, string message) =>
        new(new SequentialJobStatus { Phase = SequentialJobPhase.Pending }, new RunSummary(RunSituation.Pending, reason, message));
}
