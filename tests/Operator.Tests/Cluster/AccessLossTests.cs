using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// The operator as a real process with the rights config/rbac grants it, given to a user of the local cluster in one
/// namespace only. When the rights are revoked, /readyz says so and the log says why; when they come back, so does
/// readiness and the operator reconciles again.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class AccessLossTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private const string User = "kueueleuleu-nobody";

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static string UserKubeconfig => Path.Combine(LocalClusterScripts.StateDirectory, "nobody-token.kubeconfig");

    [Fact]
    public async Task Revoked_list_and_watch_rights_turn_readiness_false_with_the_reason_and_the_log_says_why()
    {
        await using var ns = await OwnNamespace.CreateAsync(cluster.Kubectl, "rbac");
        await cluster.Kubectl.ApplyAsync(ns.Name, OperatorRole);
        await cluster.Kubectl.ApplyAsync(ns.Name, Binding);
        await using var op = OperatorProcess.Start(
            OperatorProcess.BesideTests,
            [$"--kubeconfig={UserKubeconfig}", $"--namespaces={ns.Name}", "--workers=2", "--watch-idle-timeout=6s"]);
        // RBAC grants take a moment to reach the authorizer's cache: the first lists may be refused.
        await op.WaitReadyAsync(Bound);
        await using var probe = ReadinessProbe.Start(op);
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("granted", new Step("only", "echo granted")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "granted", Bound)));

        await cluster.Kubectl.RunAsync(["-n", ns.Name, "delete", "rolebinding", "kueueleuleu-operator"]);
        var revoked = DateTime.UtcNow;

        // Each watch ends within 3.6-4.8 s and the next one is authorized anew: it is refused.
        var unready = await probe.WaitAsync(ready: false, revoked, Bound, "readiness turns false once the rights are gone");
        Assert.Contains("forbidden", unready.Body, StringComparison.Ordinal);
        Assert.Contains(User, unready.Body, StringComparison.Ordinal);
        Assert.Contains(ns.Name, unready.Body, StringComparison.Ordinal);
        await Eventually.ThatAsync(
            () => Task.FromResult(op.Output.Split('\n').Any(l => l.Contains("failed, retrying with backoff", StringComparison.Ordinal) && l.Contains("forbidden", StringComparison.Ordinal))),
            Bound,
            "the log says the list or watch is forbidden");

        await cluster.Kubectl.ApplyAsync(ns.Name, Binding);
        var restored = DateTime.UtcNow;
        var ready = await probe.WaitAsync(ready: true, restored, Bound, "readiness turns true once the rights are back");
        await cluster.Kubectl.ApplyAsync(ns.Name, SequentialJob("regranted", new Step("only", "echo regranted")));
        Assert.Equal("Succeeded", Phase(await WaitFinishedAsync(cluster.Kubectl, ns.Name, "regranted", Bound)));
        output.WriteLine($"rights revoked: unready {(unready.At - revoked).TotalSeconds:0.0}s later: {unready.Body.Trim()}");
        output.WriteLine($"rights restored: ready {(ready.At - restored).TotalSeconds:0.0}s later");
    }

    /// <summary>The rules of config/rbac/cluster_role.yaml, as a Role of the test's namespace.</summary>
    private static string OperatorRole => File.ReadAllText(Path.Combine(Repository.Root, "config", "rbac", "cluster_role.yaml"))
        .Replace("kind: ClusterRole", "kind: Role", StringComparison.Ordinal);

    private static string Binding => $"""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: kueueleuleu-operator
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: kueueleuleu-operator
        subjects:
        - apiGroup: rbac.authorization.k8s.io
          kind: User
          name: {User}
        """;
}
