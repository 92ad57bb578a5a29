using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// SequentialJob manifests (as JSON, which kubectl applies like YAML) for the step-outcome tests: busybox steps running
/// shell snippets, with the step policies, restart policy and pod-level fields each test needs.
/// </summary>
public sealed record StepJob(string Name, string RestartPolicy, int BackoffLimit, IReadOnlyList<StepJob.Step> Steps)
{
    /// <summary>One step: its container and its policies.</summary>
    public sealed record Step(
        string Name,
        string Script,
        IReadOnlyList<string>? After = null,
        string? OnError = null,
        string? Timeout = null,
        int? Retries = null,
        string? RetryBackoff = null,
        string? When = null,
        string? Debug = null,
        string? DebugTimeout = null);

    /// <summary>The whole run's <c>spec.debug</c>, if any.</summary>
    public string? Debug { get; init; }

    /// <summary>Pod-level <c>securityContext</c>, if any.</summary>
    public JsonObject? SecurityContext { get; init; }

    /// <summary>An <c>emptyDir</c> named <c>work</c> mounted at <c>/work</c> in every step.</summary>
    public bool WorkVolume { get; init; }

    /// <summary>The manifest.</summary>
    public string ToJson()
    {
        var spec = new JsonObject
        {
            ["restartPolicy"] = RestartPolicy,
            ["terminationGracePeriodSeconds"] = 1,
            ["containers"] = new JsonArray([.. Steps.Select(Container)]),
        };
        if (SecurityContext is not null)
        {
            spec["securityContext"] = SecurityContext.DeepClone();
        }

        if (WorkVolume)
        {
            spec["volumes"] = new JsonArray(new JsonObject { ["name"] = "work", ["emptyDir"] = new JsonObject() });
        }

        var manifest = new JsonObject
        {
            ["apiVersion"] = "kueueleuleu.io/v1alpha1",
            ["kind"] = "SequentialJob",
            ["metadata"] = new JsonObject { ["name"] = Name },
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = BackoffLimit,
                ["steps"] = new JsonArray([.. Steps.Select(Policy)]),
                ["template"] = new JsonObject { ["spec"] = spec },
            },
        };
        if (Debug is not null)
        {
            manifest["spec"]!["debug"] = Debug;
        }

        return manifest.ToJsonString();
    }

    private JsonNode Container(Step step)
    {
        var container = new JsonObject
        {
            ["name"] = step.Name,
            ["image"] = "localhost/busybox:local",
            ["imagePullPolicy"] = "IfNotPresent",
            ["command"] = new JsonArray("sh", "-c", step.Script),
        };
        if (WorkVolume)
        {
            container["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "work", ["mountPath"] = "/work" });
        }

        return container;
    }

    private static JsonNode Policy(Step step)
    {
        var policy = new JsonObject { ["name"] = step.Name };
        if (step.After is not null)
        {
            policy["after"] = new JsonArray([.. step.After.Select(a => (JsonNode)a)]);
        }

        if (step.OnError is not null)
        {
            policy["onError"] = step.OnError;
        }

        if (step.Timeout is not null)
        {
            policy["timeout"] = step.Timeout;
        }

        if (step.Retries is { } retries)
        {
            policy["retries"] = retries;
        }

        foreach (var (field, value) in new[] { ("retryBackoff", step.RetryBackoff), ("when", step.When), ("debug", step.Debug), ("debugTimeout", step.DebugTimeout) })
        {
            if (value is not null)
            {
                policy[field] = value;
            }
        }

        return policy;
    }
}
