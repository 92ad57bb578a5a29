using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Fidelity;

/// <summary>
/// Compares an input object with its converted form, allowing changes only where the conversion owns the data:
/// the injected init container (first of initContainers), the shared volume, the shared volumeMount of each step,
/// each step's command and args (whose original command+args must follow "--"), and under the Peak reservation the
/// requests of cpu, memory and ephemeral-storage of each step, which may only become "0".
/// </summary>
internal static class OwnedPaths
{
    private const string InitName = "kueueleuleu-init";
    private const string VolumeName = "kueueleuleu";

    public static bool IsConverted(JsonNode document) => PodSpecPath(document) is not null || Kind(document) == "List";

    public static void AssertPreserved(JsonNode input, JsonNode output, string path)
    {
        if (Kind(input) == "List")
        {
            AssertPreservedExcept(input, output, path, ["items"]);
            var items = input["items"]!.AsArray();
            var outItems = output["items"]!.AsArray();
            Assert.Equal(items.Count, outItems.Count);
            for (var i = 0; i < items.Count; i++)
            {
                AssertPreserved(items[i]!, outItems[i]!, $"{path}.items[{i}]");
            }

            return;
        }

        if (PodSpecPath(input) is not { } specPath)
        {
            TreeAssert.Identical(input, output, path);
            return;
        }

        WalkTo(input, output, specPath, 0, path);
    }

    private static string? Kind(JsonNode document) => document["kind"]?.GetValue<string>();

    private static string[]? PodSpecPath(JsonNode document) => Kind(document) switch
    {
        "Pod" => ["spec"],
        "PodTemplate" => ["template", "spec"],
        "Job" => ["spec", "template", "spec"],
        "CronJob" => ["spec", "jobTemplate", "spec", "template", "spec"],
        _ => null,
    };

    // Everything beside the path to the pod spec must be identical; the pod spec itself is compared field by field.
    private static void WalkTo(JsonNode input, JsonNode output, string[] specPath, int depth, string path)
    {
        if (depth == specPath.Length)
        {
            AssertPodSpec(input.AsObject(), output.AsObject(), path);
            return;
        }

        var key = specPath[depth];
        AssertPreservedExcept(input, output, path, [key]);
        WalkTo(input[key]!, output[key]!, specPath, depth + 1, $"{path}.{key}");
    }

    private static void AssertPodSpec(JsonObject input, JsonObject output, string path)
    {
        AssertPreservedExcept(input, output, path, ["initContainers", "containers", "volumes"], ["initContainers", "volumes"]);
        var init = output["initContainers"]!.AsArray();
        Assert.Equal(InitName, init[0]!["name"]!.GetValue<string>());
        AssertSameWithout(input["initContainers"], init, InitName, $"{path}.initContainers");
        AssertSameWithout(input["volumes"], output["volumes"]!.AsArray(), VolumeName, $"{path}.volumes");
        var containers = input["containers"]!.AsArray();
        var outContainers = output["containers"]!.AsArray();
        Assert.Equal(containers.Count, outContainers.Count);
        for (var i = 0; i < containers.Count; i++)
        {
            AssertStep(containers[i]!.AsObject(), outContainers[i]!.AsObject(), $"{path}.containers[{i}]");
        }
    }

    private static void AssertStep(JsonObject input, JsonObject output, string path)
    {
        AssertPreservedExcept(input, output, path, ["command", "args", "volumeMounts", "resources"], ["command", "args", "volumeMounts", "resources"]);
        AssertResources(input["resources"], output["resources"], $"{path}.resources");
        AssertSameWithout(input["volumeMounts"], output["volumeMounts"]!.AsArray(), VolumeName, $"{path}.volumeMounts");
        Assert.True(TreeAssert.IsString(Assert.Single(output["command"]!.AsArray()), "/kueueleuleu/entrypoint"), path);
        var args = output["args"]!.AsArray();
        var separator = args.Select((a, i) => (a, i)).First(p => TreeAssert.IsString(p.a, "--")).i;
        var original = new JsonArray();
        foreach (var item in (input["command"]?.AsArray() ?? []).Concat(input["args"]?.AsArray() ?? []))
        {
            original.Add(item?.DeepClone());
        }

        TreeAssert.Identical(original, new JsonArray(args.Skip(separator + 1).Select(a => a?.DeepClone()).ToArray()), $"{path}.args after --");
    }

    private static readonly string[] Reducible = ["cpu", "memory", "ephemeral-storage"];

    // Limits and everything else identical; a reducible request may only become (or be added as) "0".
    private static void AssertResources(JsonNode? input, JsonNode? output, string path)
    {
        if (input is not JsonObject inObject)
        {
            Assert.True(output is null || (input is null && output["requests"] is JsonObject added && added.All(p => Reducible.Contains(p.Key) && TreeAssert.IsString(p.Value, "0"))), $"{path}: changed");
            return;
        }

        AssertPreservedExcept(inObject, output!, path, ["requests"], ["requests"]);
        var inRequests = inObject["requests"] as JsonObject ?? [];
        var outRequests = output!["requests"] as JsonObject ?? [];
        foreach (var (key, value) in outRequests)
        {
            var zeroed = Reducible.Contains(key) && TreeAssert.IsString(value, "0");
            if (!zeroed)
            {
                TreeAssert.Identical(inRequests[key], value, $"{path}.requests.{key}");
            }
        }

        Assert.True(inRequests.All(p => outRequests.ContainsKey(p.Key)), $"{path}.requests: a request was dropped");
    }

    // Identical except for the listed keys; keys the conversion may add are allowed only when missing in the input.
    private static void AssertPreservedExcept(JsonNode input, JsonNode output, string path, string[] except, string[]? mayAdd = null)
    {
        var inObject = input.AsObject();
        var outObject = output.AsObject();
        var outKeys = outObject.Select(p => p.Key).Where(k => inObject.ContainsKey(k)).ToList();
        Assert.True(inObject.Select(p => p.Key).SequenceEqual(outKeys), $"{path}: key order changed");
        foreach (var (key, _) in outObject.Where(p => !inObject.ContainsKey(p.Key)))
        {
            Assert.True(mayAdd?.Contains(key) == true, $"{path}: unexpected new key {key}");
        }

        foreach (var (key, value) in inObject.Where(p => !except.Contains(p.Key)))
        {
            TreeAssert.Identical(value, outObject[key], $"{path}.{key}");
        }
    }

    private static void AssertSameWithout(JsonNode? input, JsonArray output, string ownedName, string path)
    {
        var kept = output.Where(item => !TreeAssert.IsString(item?["name"], ownedName)).Select(i => i?.DeepClone()).ToArray();
        Assert.Equal(1, output.Count - kept.Length);
        TreeAssert.Identical(input ?? new JsonArray(), new JsonArray(kept), path);
    }
}
