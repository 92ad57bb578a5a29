namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// Tells whether the spec changed in a way the existing Job cannot follow. A Job's pod template (and most of its spec)
/// cannot change, and running the steps again behind the user's back is not what a run-to-completion resource should
/// do, so the Job keeps the spec it was created from and the change is reported instead.
/// </summary>
internal static class SpecChanges
{
    /// <summary>
    /// The note to show when <c>metadata.generation</c> is newer than the Job's <c>kueueleuleu.io/source-generation</c>
    /// and the frozen part of the spec (<see cref="SpecFingerprint"/>) differs from the Job's fingerprint (or the Job has
    /// none, or the spec can no longer be read); <see langword="null"/> otherwise. Changes of <c>suspend</c> (patched
    /// onto the Job), <c>retention</c> (the SequentialJob's own) and <c>ttlSecondsAfterFinished</c> (applied by the operator)
    /// never count. A Job without the generation
    /// annotation gives no note: there is nothing to compare with.
    /// </summary>
    public static string? Note(SourceObject source, JobFacts job)
    {
        if (job.SourceGeneration is not { } built || source.Generation <= built)
        {
            return null;
        }

        if (job.SpecHash is { } hash && source.SpecHash() == hash)
        {
            return null;
        }

        return StepText.Invariant(
            $"the spec changed at generation {source.Generation}, but Job {job.Name} was created from generation {built} and a Job's pod template cannot change: the run goes on with the spec it started with. To run the new spec, create a new SequentialJob (or delete and re-create this one)");
    }
}
