using System.Text.Json.Nodes;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>The operator killed (SIGKILL) at several points of a run and started again: one Job, the right status.</summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class RestartTests(OperatorClusterFixture cluster)
{
    [Fact]
    public async Task Killed_and_restarted_operators_create_one_job_and_report_the_run_correctly()
    {
        var ns = cluster.Namespace("restart");
        var op = cluster.StartOperator([ns]);
        try
        {
            await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await cluster.Kubectl.ApplyAsync(ns, SequentialJob(
                "resilient",
                new Step("first", "sleep 4; echo first"),
                new Step("second", "sleep 4; echo second"),
                new Step("third", "echo third")));

            // Point 1: as soon as the Job exists (the status may not say so yet).
            await Eventually.ThatAsync(async () => (await JobUidsAsync(ns)).Count > 0, TimeSpan.FromMinutes(2), "the Job is created");
            await op.KillAsync();
            var jobUid = (await JobUidsAsync(ns)).Single();
            op = await RestartAsync(op, ns);

            // Point 2: while the first step runs.
            await Eventually.ThatAsync(async () => Phase(await Sjob(ns)) == "Running", TimeSpan.FromMinutes(2), "the run is Running");
            await op.KillAsync();
            // Point 3: the run goes on and ends with no operator at all.
            await Eventually.ThatAsync(async () => (await cluster.Kubectl.RunAsync(["-n", ns, "get", "job", "resilient", "-o", "jsonpath={.status.succeeded}"])).Trim() == "1", TimeSpan.FromMinutes(2), "the Job completes");
            Assert.NotEqual("Succeeded", Phase(await Sjob(ns)));
            op = await RestartAsync(op, ns);

            var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "resilient", TimeSpan.FromMinutes(2));
            Assert.Equal("Succeeded", Phase(sjob));
            Assert.Equal([jobUid], await JobUidsAsync(ns));
            Assert.All(["first", "second", "third"], n => Assert.Equal(("Succeeded", (int?)0), (State(Step(sjob, n)), ExitCode(Step(sjob, n)))));
            Assert.True(Finished(Step(sjob, "first")) <= Started(Step(sjob, "second")));
            Assert.Equal(1, sjob["status"]!["attempts"]!.GetValue<int>());
            Assert.Equal(0, await op.StopAsync());
        }
        finally
        {
            await op.DisposeAsync();
        }
    }

    private async Task<OperatorProcess> RestartAsync(OperatorProcess old, string ns)
    {
        await old.DisposeAsync();
        var next = cluster.StartOperator([ns]);
        await next.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return next;
    }

    private Task<JsonObject> Sjob(string ns) => cluster.Kubectl.GetJsonAsync(ns, "sjob/resilient");

    private async Task<List<string>> JobUidsAsync(string ns)
    {
        var list = JsonNode.Parse(await cluster.Kubectl.RunAsync(["-n", ns, "get", "jobs", "-o", "json"]))!["items"]!.AsArray();
        return list.Select(j => j!["metadata"]!["uid"]!.GetValue<string>()).ToList();
    }
}
