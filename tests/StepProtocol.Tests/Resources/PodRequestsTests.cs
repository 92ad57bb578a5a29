using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.StepProtocol.Tests.Resources;

public sealed class PodRequestsTests
{
    /// <summary>Each row: what the pod shows, a pod spec, and its effective requests in enumeration order.</summary>
    public static TheoryData<string, string, string> PodSpecs() => new()
    {
        {
            "five steps of 2 CPUs each reserve 10 CPUs, the cost issue 12 removes",
            """{"containers":[{"name":"a","resources":{"requests":{"cpu":"2"}}},{"name":"b","resources":{"requests":{"cpu":"2"}}},{"name":"c","resources":{"requests":{"cpu":"2"}}},{"name":"d","resources":{"requests":{"cpu":"2"}}},{"name":"e","resources":{"requests":{"cpu":"2"}}}]}""",
            "cpu=10"
        },
        {
            "app containers add up",
            """{"containers":[{"resources":{"requests":{"cpu":"500m","memory":"1Gi"}}},{"resources":{"requests":{"cpu":"1.5","memory":"512Mi"}}}]}""",
            "cpu=2 memory=1536Mi"
        },
        {
            "an init container larger than the sum wins",
            """{"initContainers":[{"resources":{"requests":{"cpu":"3","memory":"64Mi"}}}],"containers":[{"resources":{"requests":{"cpu":"1","memory":"64Mi"}}},{"resources":{"requests":{"cpu":"1","memory":"64Mi"}}}]}""",
            "cpu=3 memory=128Mi"
        },
        {
            "init containers run one at a time: the largest, not their sum",
            """{"initContainers":[{"resources":{"requests":{"cpu":"2"}}},{"resources":{"requests":{"cpu":"2"}}}],"containers":[{"resources":{"requests":{"cpu":"1"}}}]}""",
            "cpu=2"
        },
        {
            "a limit without a request is the request",
            """{"containers":[{"resources":{"limits":{"cpu":"2","memory":"1Gi"}}},{"resources":{"requests":{"cpu":"250m"},"limits":{"cpu":"4","memory":"2Gi"}}}]}""",
            "cpu=2250m memory=3Gi"
        },
        {
            "a request set to null falls back to the limit",
            """{"containers":[{"resources":{"requests":{"cpu":null},"limits":{"cpu":"3"}}}]}""",
            "cpu=3"
        },
        {
            "a sidecar before an init container runs beside it",
            """{"initContainers":[{"restartPolicy":"Always","resources":{"requests":{"cpu":"1"}}},{"resources":{"requests":{"cpu":"2"}}}],"containers":[{"resources":{"requests":{"cpu":"1"}}}]}""",
            "cpu=3"
        },
        {
            "a sidecar after an init container does not run beside it",
            """{"initContainers":[{"resources":{"requests":{"cpu":"2"}}},{"restartPolicy":"Always","resources":{"requests":{"cpu":"1"}}}],"containers":[{"resources":{"requests":{"cpu":"500m"}}}]}""",
            "cpu=2"
        },
        {
            "sidecars run beside the app containers",
            """{"initContainers":[{"restartPolicy":"Always","resources":{"requests":{"cpu":"1","memory":"100Mi"}}},{"resources":{"requests":{"cpu":"1"}}},{"restartPolicy":"Always","resources":{"limits":{"memory":"200Mi"}}}],"containers":[{"resources":{"requests":{"cpu":"2","memory":"1Gi"}}}]}""",
            "cpu=3 memory=1324Mi"
        },
        {
            "the sidecars started so far are a phase of their own",
            """{"initContainers":[{"restartPolicy":"Always","resources":{"requests":{"memory":"1Gi"}}},{"restartPolicy":"Always","resources":{"requests":{"memory":"1Gi"}}},{"resources":{"requests":{"cpu":"1"}}}],"containers":[]}""",
            "cpu=1 memory=2Gi"
        },
        {
            "a restart policy other than Always is a regular init container",
            """{"initContainers":[{"restartPolicy":"OnFailure","resources":{"requests":{"cpu":"1"}}}],"containers":[{"resources":{"requests":{"cpu":"1"}}}]}""",
            "cpu=1"
        },
        {
            "the overhead comes on top, even of resources no container asks for",
            """{"overhead":{"cpu":"250m","memory":"120Mi","pods":"1"},"initContainers":[{"resources":{"requests":{"cpu":"4"}}}],"containers":[{"resources":{"requests":{"cpu":"1","memory":"1Gi"}}}]}""",
            "cpu=4250m memory=1144Mi pods=1"
        },
        {
            "memory in mixed units adds exactly",
            """{"containers":[{"resources":{"requests":{"memory":"1Gi"}}},{"resources":{"requests":{"memory":"1G"}}},{"resources":{"requests":{"memory":"128974848"}}},{"resources":{"requests":{"memory":"129e6"}}}]}""",
            "memory=2331716672"
        },
        {
            "extended resources count like any other",
            """{"initContainers":[{"resources":{"limits":{"nvidia.com/gpu":"4"}}}],"containers":[{"resources":{"limits":{"nvidia.com/gpu":"1"}}},{"resources":{"requests":{"nvidia.com/gpu":"2"},"limits":{"nvidia.com/gpu":"2"}}}]}""",
            "nvidia.com/gpu=4"
        },
        {
            "names in ordinal order, zero requests left out",
            """{"containers":[{"resources":{"requests":{"memory":"1Mi","cpu":"0","example.com/Zeta":"1","Example.com/alpha":"2","ephemeral-storage":"1Gi","hugepages-2Mi":"0Mi"}}}]}""",
            "Example.com/alpha=2 ephemeral-storage=1Gi example.com/Zeta=1 memory=1Mi"
        },
        {
            "bare JSON numbers are quantities, as the API server reads them",
            """{"containers":[{"resources":{"requests":{"cpu":1,"memory":1e9}}},{"resources":{"requests":{"cpu":0.5}}}]}""",
            "cpu=1500m memory=1G"
        },
        {
            "unreadable and negative quantities count as zero",
            """{"containers":[{"resources":{"requests":{"cpu":"lots","memory":"-1Gi","ephemeral-storage":true}}},{"resources":{"requests":{"cpu":"1","memory":"1Gi","ephemeral-storage":{}}}}]}""",
            "cpu=1 memory=1Gi"
        },
        {
            "an unreadable request does not fall back to the limit",
            """{"containers":[{"resources":{"requests":{"cpu":"2 cores"},"limits":{"cpu":"2"}}}]}""",
            ""
        },
        {
            "a quantity above the largest 64-bit integer counts as that integer, as the API server stores it",
            """{"containers":[{"resources":{"requests":{"example.com/huge":"100E"}}},{"resources":{"requests":{"example.com/huge":"1"}}}]}""",
            "example.com/huge=9223372036854775808"
        },
        { "an empty spec", """{}""", "" },
        {
            "mistyped fields read as empty",
            """{"containers":{"name":"a"},"initContainers":[null,"x",1,{"resources":"big"},{"resources":{"requests":["cpu"],"limits":null}}],"overhead":"1"}""",
            ""
        },
        {
            "nulls read as empty",
            """{"containers":[{"resources":null},{"resources":{"requests":null}},{"resources":{"requests":{"cpu":"1"}}}],"initContainers":null,"overhead":null}""",
            "cpu=1"
        },
    };

    [Theory]
    [MemberData(nameof(PodSpecs))]
    public void Effective_requests_as_the_scheduler_and_quota_count_them(string name, string podSpec, string expected)
    {
        var effective = PodRequests.Effective(JsonNode.Parse(podSpec)!.AsObject());

        Assert.True(expected == Describe(effective), $"{name}: expected '{expected}', got '{Describe(effective)}'");
    }

    [Fact]
    public void Binary_memory_stays_binary_through_the_sums()
    {
        var effective = PodRequests.Effective(JsonNode.Parse("""{"containers":[{"resources":{"requests":{"memory":"1.5Gi"}}},{"resources":{"requests":{"memory":"1.5Gi"}}}]}""")!.AsObject());

        Assert.True(effective["memory"].IsBinary);
        Assert.Equal(3_221_225_472m, effective["memory"].Value);
    }

    private static string Describe(IReadOnlyDictionary<string, Quantity> requests) =>
        string.Join(" ", requests.Select(pair => $"{pair.Key}={pair.Value}"));
}
