using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;
using Xunit.Abstractions;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// SequentialJobs of a megabyte each cannot exhaust the operator: with its managed heap capped at 64 MiB (a third below
/// the 96 MiB the .NET runtime sets by itself in a container limited to 128 MiB, so a regression shows here before it
/// shows in a cluster), it starts with 40 of them present and still creates and follows a Job, without one
/// OutOfMemoryException. The cache keeps only what the reconciler reads of them, lists are read one object at a time,
/// watch events are parsed from their bytes, and whole objects are worked on one at a time. Before watch events were
/// parsed from bytes, each held a megabyte line as a 2 MiB string while it was parsed, and this test failed at 64 MiB
/// (and once at 96 MiB on a loaded CI machine); before lists were streamed, the operator never got ready here.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class LargeObjectsTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private const int Megabyte = 1024 * 1024;
    private static readonly Dictionary<string, string> SmallHeap = new() { ["DOTNET_GCHeapHardLimit"] = "0x4000000" };

    [Fact]
    public async Task An_operator_with_a_64_MiB_heap_starts_with_40_SequentialJobs_of_1_MiB_and_still_runs_a_job()
    {
        var ns = cluster.Namespace("large");
        for (var i = 0; i < 40; i += 2)
        {
            await CreateAsync(ns, Large($"invalid-{i:D2}"), Large($"invalid-{i + 1:D2}"));
        }

        await using var op = OperatorProcess.Start(OperatorProcess.BesideTests, [$"--kubeconfig={OperatorClusterFixture.AdminKubeconfig}", $"--namespaces={ns}", "--workers=4"], SmallHeap);
        await op.WaitReadyAsync(TimeSpan.FromMinutes(2));
        await Eventually.ThatAsync(async () => await ReasonsAsync(ns) is var reasons && reasons.Count(r => r == "InvalidSpec") == 40, TimeSpan.FromMinutes(3), "every invalid one is reported");

        // A run next to them: its Job is created and runs (a megabyte of environment could not be exec'd, so it is small).
        await CreateAsync(ns, Large("valid", payload: 0, valid: true));
        var sjob = await StatusReading.WaitFinishedAsync(cluster.Kubectl, ns, "valid", TimeSpan.FromMinutes(2));
        Assert.Equal("Succeeded", StatusReading.Phase(sjob));
        Assert.False(op.HasExited);
        output.WriteLine($"operator RSS {Rss(op.Id) / Megabyte} MiB with 41 SequentialJobs of 1 MiB");
        var oom = op.Output.Split('\n').Where(l => l.Contains("OutOfMemoryException", StringComparison.Ordinal)).ToList();
        Assert.True(oom.Count == 0, string.Join('\n', oom));
    }

    /// <summary>
    /// A SequentialJob of about a megabyte, nearly all of it one step's environment (<paramref name="payload"/> bytes);
    /// unless <paramref name="valid"/>, its two steps wait for each other, so it is refused as InvalidSpec and gets no Job.
    /// </summary>
    private static JsonObject Large(string name, int payload = Megabyte - 2048, bool valid = false)
    {
        var step = (string id, string script) => new JsonObject
        {
            ["name"] = id,
            ["image"] = LocalClusterScripts.BusyboxImage,
            ["imagePullPolicy"] = "IfNotPresent",
            ["command"] = new JsonArray("sh", "-c", script),
        };
        var first = step("first", "true");
        first["env"] = new JsonArray(new JsonObject { ["name"] = "PAYLOAD", ["value"] = new string('x', payload) });
        var spec = new JsonObject
        {
            ["backoffLimit"] = 0,
            ["template"] = new JsonObject { ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["terminationGracePeriodSeconds"] = 1, ["containers"] = new JsonArray(first, step("second", "true")) } },
        };
        if (!valid)
        {
            spec["steps"] = new JsonArray(
                new JsonObject { ["name"] = "first", ["after"] = new JsonArray("second") },
                new JsonObject { ["name"] = "second", ["after"] = new JsonArray("first") });
        }

        return new JsonObject { ["apiVersion"] = "kueueleuleu.io/v1alpha1", ["kind"] = "SequentialJob", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    /// <summary>Creates objects in one request (the API server takes up to 3 MB per request).</summary>
    private async Task CreateAsync(string ns, params JsonObject[] items) =>
        await cluster.Kubectl.RunAsync(["-n", ns, "create", "-f", "-", "-o", "name"], new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(items) }.ToJsonString());

    /// <summary>The <c>status.reason</c> of every SequentialJob of the namespace (one line each, read without the specs).</summary>
    private async Task<string[]> ReasonsAsync(string ns) =>
        (await cluster.Kubectl.RunAsync(["-n", ns, "get", "sjob", "-o", "jsonpath={range .items[*]}{.status.reason}{\"\\n\"}{end}"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static long Rss(int pid) =>
        long.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
