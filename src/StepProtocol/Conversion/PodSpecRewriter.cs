using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.ImageCommands;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.StepProtocol.Reservation;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>
/// Rewrites a checked pod spec in place. Existing keys keep their positions; new keys go where a person would put
/// them, so a diff of input and output shows only what conversion means.
/// </summary>
internal static class PodSpecRewriter
{
    /// <summary>
    /// Injects the volume and init container, wraps every step and, with a <paramref name="reservation"/>, moves the steps'
    /// requests to the init container. <paramref name="qos"/> is the class of the Pod as written, which the init container keeps.
    /// </summary>
    public static void Apply(PodSpecView view, IReadOnlyList<StepPlan> plans, string restartPolicy, ConversionOptions options, QosClass qos, PeakRequestsPlan? reservation)
    {
        var budget = TerminationBudget.PerContainer(view.Containers.Count, view.InitContainers.Count);
        for (var i = 0; i < view.Containers.Count; i++)
        {
            WrapStep(view.Containers[i].Node, plans[i], restartPolicy, budget, options);
        }

        var initContainer = InjectedParts.InitContainer(options, qos);
        if (reservation is not null)
        {
            PeakRequestsRewriter.Apply(reservation, initContainer);
        }

        PrependInitContainer(view.Spec, initContainer);
        AppendTo(view.Spec, "volumes", InjectedParts.Volume());
    }

    private static void WrapStep(JsonObject container, StepPlan plan, string restartPolicy, int budget, ConversionOptions options)
    {
        var original = container["command"] is null ? FromImage(container, options) : [.. JsonRead.Texts(container["command"])!, .. JsonRead.Texts(container["args"]) ?? []];
        var terminationLog = JsonRead.Text(container["terminationMessagePath"]) ?? EntrypointProtocol.DefaultTerminationMessagePath;
        var arguments = new StepArguments(
            plan.Name,
            plan.After,
            plan.OnError,
            restartPolicy,
            plan.Timeout?.Text,
            terminationLog,
            original,
            plan.Retries,
            plan.RetryBackoff?.Text,
            plan.When,
            plan.Debug,
            plan.DebugTimeout?.Text,
            budget);

        // The indexer replaces `command` where it stands; `args` stays in place or follows `command`.
        container["command"] = InjectedParts.Strings([EntrypointProtocol.EntrypointPath]);
        var args = InjectedParts.Strings(arguments.ToArgs());
        if (container.ContainsKey("args"))
        {
            container["args"] = args;
        }
        else
        {
            container.Insert(container.IndexOf("command") + 1, "args", args);
        }

        AppendTo(container, "volumeMounts", InjectedParts.VolumeMount());
        if (plan.Debug == DebugPolicy.OnFailure)
        {
            container["readinessProbe"] = DebugReadinessProbe.For(plan.Name);
        }
    }

    /// <summary>
    /// What the kubelet would run for a step without <c>command</c>: the image's ENTRYPOINT, then the step's args or else
    /// the image's CMD. The image's own words are escaped, since the kubelet expands <c>$(VAR)</c> in a container's
    /// command and args but never in the image's; the step's args are kept as written, as the kubelet expands them
    /// either way. The image is pinned to the digest that was looked up, so that what runs is what was read.
    /// </summary>
    private static List<string> FromImage(JsonObject container, ConversionOptions options)
    {
        var resolved = StepContainerChecker.ImageCommand(container, options)!;
        var argsGiven = JsonRead.Texts(container["args"]) is { Count: > 0 };
        var argv = resolved.Command.Select(KubeletExpansion.Escape).ToList();
        argv.AddRange(argsGiven ? resolved.Arguments : resolved.Arguments.Select(KubeletExpansion.Escape));
        if (options.Images[JsonRead.Text(container["image"])!].PinnedReference is { } pinned)
        {
            container["image"] = pinned;
        }

        return argv;
    }

    private static void PrependInitContainer(JsonObject spec, JsonObject initContainer)
    {
        if (spec["initContainers"] is JsonArray initContainers)
        {
            initContainers.Insert(0, initContainer);
            return;
        }

        // A new `initContainers` goes just before `containers`, the order in which they run.
        spec.Remove("initContainers");
        spec.Insert(spec.IndexOf("containers"), "initContainers", new JsonArray(initContainer));
    }

    private static void AppendTo(JsonObject owner, string key, JsonObject item)
    {
        if (owner[key] is JsonArray list)
        {
            list.Add((JsonNode)item);
            return;
        }

        // A missing (or null) list is created at the end of the object.
        owner.Remove(key);
        owner[key] = new JsonArray(item);
    }
}
