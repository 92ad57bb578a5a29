using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>
/// Reads the pod spec's <c>restartPolicy</c>, which the entrypoint needs: with <c>Never</c> a step that dies ends its
/// dependants' wait, otherwise the kubelet restarts it and they wait for its next run.
/// </summary>
internal static class RestartPolicyReader
{
    private static readonly string[] Policies = ["Always", "OnFailure", "Never"];

    /// <summary>The policy (Kubernetes' default <c>Always</c> when absent); <see langword="null"/> after adding an error.</summary>
    public static string? Read(PodSpecView view, List<ConversionError> errors)
    {
        var node = view.Spec["restartPolicy"];
        if (node is null)
        {
            return "Always";
        }

        if (JsonRead.Text(node) is { } policy && Policies.Contains(policy, StringComparer.Ordinal))
        {
            return policy;
        }

        errors.Add(new(
            JsonPath.Property(view.Path, "restartPolicy"),
            $"must be Always, OnFailure or Never (as Kubernetes spells them), not {JsonRead.Describe(node)}"));
        return null;
    }
}
