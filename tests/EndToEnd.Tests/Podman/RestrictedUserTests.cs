using System.Text.Json.Nodes;
using Kueueleuleu.EndToEnd.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// The injected parts run as a restricted platform runs them: an arbitrary UID and GID, assigned from outside to
/// every container, the init container included (the converter sets no runAsUser of its own).
/// </summary>
[Collection(SerialPodman.Name)]
[Trait(Needs.Trait, Needs.Podman)]
public sealed class RestrictedUserTests
{
    [Fact]
    public async Task The_copy_and_every_step_work_with_an_arbitrary_uid_and_a_random_gid()
    {
        var (uid, gid) = (1_000_680_000 + Random.Shared.Next(10_000), 1_000_690_000 + Random.Shared.Next(10_000));
        var pod = JsonNode.Parse(await CliProcess.ConvertToJsonAsync(Manifests.PathOf("restricted-user.yaml")))!.AsObject();
        var spec = pod["spec"]!.AsObject();
        var init = spec["initContainers"]![0]!;
        Assert.Null(init["securityContext"]!["runAsUser"]);
        Assert.True(init["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        // What the platform's admission does: every container gets the namespace's UID and a group.
        foreach (var container in spec["initContainers"]!.AsArray().Concat(spec["containers"]!.AsArray()))
        {
            var context = container!["securityContext"] as JsonObject ?? [];
            context["runAsUser"] = uid;
            context["runAsGroup"] = gid;
            container["securityContext"] = context;
        }

        var run = await Podman.RunAsync(pod.ToJsonString());

        Assert.All(run.Containers, c => Assert.Equal(("succeeded", 0), (c.State, c.ExitCode)));
        Assert.Equal($"first {uid}:{gid}\n", run["first"].Output);
        Assert.Equal($"second {uid}:{gid}\n", run["second"].Output);
        Assert.True(run["second"].CommandStartedAt >= run["first"].CommandFinishedAt);
    }
}
