using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// The moments at which the status is expected to change without a watch event being guaranteed: the Job's
/// <c>activeDeadlineSeconds</c> and a running step's timeout (the Job controller and the entrypoint act then, but a
/// look shortly after keeps the status honest if an event is lost). Each hint lies a second after its moment.
/// </summary>
internal static class RequeueHints
{
    /// <summary>How long after an expected change to look.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>The hints for a run read from its Job; past moments give no hint (the event is due already).</summary>
    public static IEnumerable<TimeSpan> ForRun(JobFacts job, JsonObject? currentPod, SequentialJobStatus status, DateTimeOffset now)
    {
        if (status.Phase is SequentialJobPhase.Succeeded or SequentialJobPhase.Failed || job.IsSuspended)
        {
            return [];
        }

        var moments = StepDeadlines(currentPod, status).ToList();
        if (job.ActiveDeadlineSeconds is { } seconds && job.StartTime is { } start)
        {
            moments.Add(start.AddSeconds(seconds));
        }

        return moments.Select(m => m + Margin - now).Where(d => d > TimeSpan.Zero);
    }

    /// <summary>When each running step with a timeout will be cut off, from the timeouts in the Pod's step arguments.</summary>
    private static IEnumerable<DateTimeOffset> StepDeadlines(JsonObject? pod, SequentialJobStatus status)
    {
        var timeouts = JsonRead.Objects(pod, "spec", "containers")
            .Select(c => StepArguments.Read(c))
            .Where(a => a?.Timeout is not null)
            .GroupBy(a => a!.Step, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()!.Timeout!, StringComparer.Ordinal);
        foreach (var step in status.Steps ?? [])
        {
            if (step.State == StepState.Running && step.StartedAt is { } started
                && timeouts.TryGetValue(step.Name, out var text) && GoDurationParser.TryParse(text, out var timeout, out _))
            {
                yield return started + timeout.ToTimeSpan();
            }
        }
    }
}
