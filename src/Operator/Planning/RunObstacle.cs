using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// What holds an unfinished run up although nothing failed: the Job controller cannot create the Pod (a ResourceQuota,
/// an admission webhook: its <c>FailedCreate</c> Event), the scheduler finds no node for it (<c>Unschedulable</c>), or a
/// container cannot start (an image that cannot be pulled, a missing ConfigMap). Kubernetes keeps retrying all of these,
/// so the run stays Pending or Running, but the SequentialJob says why at a glance: the reason goes into
/// <c>status.reason</c> (the REASON column) and the conditions, with the server's, scheduler's or kubelet's message.
/// </summary>
/// <param name="Reason">A CamelCase reason: <see cref="ConditionReasons.PodCreateFailed"/>, <c>Unschedulable</c>, or the kubelet's waiting reason.</param>
/// <param name="Message">What a user should read, with the cluster's own words.</param>
internal sealed record RunObstacle(string Reason, string Message)
{
    /// <summary>The kubelet's waiting reasons that mean a container cannot start until something changes.</summary>
    private static readonly HashSet<string> StuckContainerReasons = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable",
        "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "CrashLoopBackOff",
    };

    /// <summary>The obstacle of an unfinished run, or <see langword="null"/> when it is on its way.</summary>
    /// <param name="job">The Job (a finished or suspended Job has no obstacle).</param>
    /// <param name="pods">The Job's Pods, oldest first.</param>
    /// <param name="jobEvents">Warning Events whose involved object may be the Job; others are ignored.</param>
    /// <param name="steps">The steps of the current Pod.</param>
    public static RunObstacle? Find(JobFacts job, IReadOnlyList<JsonObject> pods, IReadOnlyList<JsonObject> jobEvents, IList<SequentialJobStepStatus>? steps)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Finished || job.IsSuspended)
        {
            return null;
        }

        var current = pods.Count == 0 ? null : pods[^1];
        return CannotCreatePod(job, current, jobEvents) ?? (current is null ? null : Unschedulable(current) ?? ContainerStuck(current, steps));
    }

    /// <summary>
    /// The Job's latest <c>FailedCreate</c> Event, when it is newer than the latest Pod and that Pod (if any) has ended:
    /// the Job controller is trying to create the next Pod and the server refuses.
    /// </summary>
    private static RunObstacle? CannotCreatePod(JobFacts job, JsonObject? current, IReadOnlyList<JsonObject> jobEvents)
    {
        if (job.Uid is null || (current is not null && !PodAttempts.Ended(current)))
        {
            return null;
        }

        var since = current is null ? DateTimeOffset.MinValue : JsonRead.Time(current, "metadata", "creationTimestamp") ?? DateTimeOffset.MinValue;
        var latest = jobEvents
            .Where(e => JsonRead.Text(e, "involvedObject", "uid") == job.Uid && JsonRead.Text(e, "reason") == "FailedCreate")
            .Select(e => (Event: e, Time: LastSeen(e)))
            .Where(e => e.Time >= since)
            .OrderBy(e => e.Time)
            .LastOrDefault();
        return latest.Event is null ? null : new RunObstacle(
            ConditionReasons.PodCreateFailed,
            $"Job {job.Name} cannot create its Pod: {JsonRead.Text(latest.Event, "message")}");
    }

    private static DateTimeOffset LastSeen(JsonObject e) =>
        JsonRead.Time(e, "lastTimestamp") ?? JsonRead.Time(e, "eventTime") ?? JsonRead.Time(e, "firstTimestamp") ?? DateTimeOffset.MinValue;

    /// <summary>The scheduler's verdict on a Pod it could not place (its <c>PodScheduled</c> condition).</summary>
    private static RunObstacle? Unschedulable(JsonObject pod)
    {
        var scheduled = JsonRead.Objects(pod, "status", "conditions").FirstOrDefault(c => JsonRead.Text(c, "type") == "PodScheduled");
        return scheduled is not null && JsonRead.Text(scheduled, "status") == "False" && JsonRead.Text(scheduled, "reason") == "Unschedulable"
            ? new RunObstacle("Unschedulable", $"Pod {JsonRead.Text(pod, "metadata", "name")} cannot be scheduled: {JsonRead.Text(scheduled, "message")}")
            : null;
    }

    /// <summary>An init container, or the container of the step that is next, that cannot start.</summary>
    private static RunObstacle? ContainerStuck(JsonObject pod, IList<SequentialJobStepStatus>? steps)
    {
        var podName = JsonRead.Text(pod, "metadata", "name");
        foreach (var list in (string[])["initContainerStatuses", "containerStatuses"])
        {
            foreach (var container in JsonRead.Objects(pod, "status", list))
            {
                var reason = JsonRead.Text(container, "state", "waiting", "reason");
                var name = JsonRead.Text(container, "name");
                if (reason is not null && StuckContainerReasons.Contains(reason) && (list == "initContainerStatuses" || IsUnfinishedStep(steps, name)))
                {
                    return new RunObstacle(reason, $"container {name} of Pod {podName} cannot start: {reason}: {JsonRead.Text(container, "state", "waiting", "message")}");
                }
            }
        }

        return null;
    }

    private static bool IsUnfinishedStep(IList<SequentialJobStepStatus>? steps, string? container) =>
        steps?.FirstOrDefault(s => s.Name == container) is { State: StepState.Waiting or StepState.Running };
}
