using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Protocol;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// Each step's share of the kubelet's 12,288 bytes of termination messages per Pod: every container counts, the
/// injected init container and the user's init containers included, and no share exceeds 4,096 bytes.
/// </summary>
public sealed class TerminationBudgetTests
{
    [Theory]
    [InlineData(1, 0, 4096)]
    [InlineData(1, 2, 3072)]
    [InlineData(3, 0, 3072)]
    [InlineData(3, 2, 2048)]
    [InlineData(64, 0, 189)]
    [InlineData(64, 3, 180)]
    public void Is_the_kubelets_share_of_every_container(int steps, int userInitContainers, int budget)
    {
        Assert.Equal(budget, TerminationBudget.PerContainer(steps, userInitContainers));
    }

    [Theory]
    [InlineData(1, 0, 4096)]
    [InlineData(1, 2, 3072)]
    [InlineData(3, 0, 3072)]
    [InlineData(3, 2, 2048)]
    [InlineData(64, 0, 189)]
    [InlineData(64, 3, 180)]
    public void Every_converted_step_carries_its_share(int steps, int userInitContainers, int budget)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "p" },
            ["spec"] = new JsonObject
            {
                ["initContainers"] = new JsonArray([.. Enumerable.Range(0, userInitContainers).Select(i => (JsonNode?)Container($"init{i}"))]),
                ["containers"] = new JsonArray([.. Enumerable.Range(0, steps).Select(i => (JsonNode?)Container($"s{i}"))]),
            },
        };

        var result = ManifestConverter.Convert(pod, new ConversionOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var containers = result.Document!["spec"]!["containers"]!.AsArray();
        Assert.Equal(steps, containers.Count);
        Assert.All(containers, c => Assert.Equal(budget, StepArguments.Read(c)!.TerminationBudget));
        Assert.All(containers, c => Assert.Single(c!["args"]!.AsArray(), a => (string)a! == $"--termination-budget={budget}"));
    }

    private static JsonObject Container(string name) => new() { ["name"] = name, ["image"] = "busybox", ["command"] = new JsonArray("true") };
}
