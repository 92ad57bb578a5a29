using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Reservation;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// The Peak reservation as the converter applies it: the injected init container requests what the steps can use at
/// once, the steps request zero, limits stay as written, and the cases that must keep the requests as written do.
/// </summary>
public sealed class PeakRequestsTests
{
    [Fact]
    public void A_chain_reserves_its_largest_step_and_keeps_every_limit()
    {
        var spec = Convert(Pod(
            Step("a", """{"requests":{"cpu":"2","memory":"1Gi"},"limits":{"cpu":"4","memory":"2Gi"}}"""),
            Step("b", """{"requests":{"cpu":"500m","memory":"3Gi"}}"""),
            Step("c", """{"requests":{"cpu":"1500m"}}""")));

        Assert.Equal("""{"cpu":"2","memory":"3Gi"}""", Init(spec)["resources"]!["requests"]!.ToJsonString());
        Assert.Equal("""{"cpu":"2","memory":"3Gi"}""", Init(spec)["resources"]!["limits"]!.ToJsonString());
        Assert.Equal("""{"requests":{"cpu":"0","memory":"0"},"limits":{"cpu":"4","memory":"2Gi"}}""", Resources(spec, 0));
        Assert.Equal("""{"requests":{"cpu":"0","memory":"0"}}""", Resources(spec, 1));
        Assert.Equal("""{"requests":{"cpu":"0"}}""", Resources(spec, 2));
    }

    [Fact]
    public void Parallel_branches_reserve_their_sum()
    {
        var pod = Pod(
            Step("left", """{"requests":{"cpu":"300m"}}"""),
            Step("right", """{"requests":{"cpu":"400m"}}"""),
            Step("join", """{"requests":{"cpu":"500m"}}"""));
        pod["metadata"] = JsonNode.Parse("""{"annotations":{"kueueleuleu.io/steps":"[{\"name\":\"left\",\"after\":[]},{\"name\":\"right\",\"after\":[]},{\"name\":\"join\",\"after\":[\"left\",\"right\"]}]"}}""");

        var spec = Convert(pod);

        Assert.Equal("700m", Init(spec)["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public void A_step_with_only_a_limit_counts_with_it_and_gets_an_explicit_zero_request()
    {
        var spec = Convert(Pod(
            Step("a", """{"limits":{"memory":"512Mi"}}"""),
            Step("b", """{"requests":{"memory":"256Mi"}}""")));

        Assert.Equal("512Mi", Init(spec)["resources"]!["requests"]!["memory"]!.GetValue<string>());
        Assert.Equal("""{"limits":{"memory":"512Mi"},"requests":{"memory":"0"}}""", Resources(spec, 0));
    }

    [Fact]
    public void Gpus_and_hugepages_stay_with_the_step_that_uses_them()
    {
        var spec = Convert(Pod(
            Step("train", """{"requests":{"cpu":"1","nvidia.com/gpu":"1","hugepages-2Mi":"64Mi"},"limits":{"nvidia.com/gpu":"1","hugepages-2Mi":"64Mi"}}"""),
            Step("eval", """{"requests":{"cpu":"1","nvidia.com/gpu":"1"},"limits":{"nvidia.com/gpu":"1"}}""")));

        Assert.Equal("""{"requests":{"cpu":"0","nvidia.com/gpu":"1","hugepages-2Mi":"64Mi"},"limits":{"nvidia.com/gpu":"1","hugepages-2Mi":"64Mi"}}""", Resources(spec, 0));
        Assert.Null(Init(spec)["resources"]!["requests"]!["nvidia.com/gpu"]);
        Assert.Equal("1", Init(spec)["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public void Native_sidecars_count_beside_every_step()
    {
        var pod = Pod(
            Step("a", """{"requests":{"cpu":"1"}}"""),
            Step("b", """{"requests":{"cpu":"1"}}"""));
        pod["spec"]!["initContainers"] = JsonNode.Parse("""[{"name":"proxy","image":"proxy:1","restartPolicy":"Always","resources":{"requests":{"cpu":"250m"}}}]""");

        var spec = Convert(pod);

        Assert.Equal("1250m", Init(spec)["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("""{"requests":{"cpu":"250m"}}""", spec["initContainers"]![1]!["resources"]!.ToJsonString());
    }

    [Fact]
    public void A_guaranteed_pod_keeps_its_requests_and_stays_guaranteed()
    {
        var both = """{"requests":{"cpu":"1","memory":"1Gi"},"limits":{"cpu":"1","memory":"1Gi"}}""";
        var spec = Convert(Pod(Step("a", both), Step("b", both)));

        Assert.Equal(both, Resources(spec, 0));
        Assert.Equal(QosClass.Guaranteed, QosClassifier.Of(spec));
    }

    [Fact]
    public void As_written_keeps_every_request()
    {
        var spec = Convert(
            Pod(Step("a", """{"requests":{"cpu":"1"}}"""), Step("b", """{"requests":{"cpu":"1"}}""")),
            new ConversionOptions { Requests = RequestsMode.AsWritten });

        Assert.Equal("""{"requests":{"cpu":"1"}}""", Resources(spec, 0));
        Assert.Equal("10m", Init(spec)["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public void One_step_or_no_requests_change_nothing()
    {
        var one = Convert(Pod(Step("a", """{"requests":{"cpu":"3"}}""")));
        var none = Convert(Pod(Step("a", null), Step("b", null)));

        Assert.Equal("""{"requests":{"cpu":"3"}}""", Resources(one, 0));
        Assert.Equal("10m", Init(one)["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Null(none["containers"]![0]!["resources"]);
    }

    [Fact]
    public void Limit_range_defaults_count_for_steps_that_set_nothing()
    {
        var spec = Convert(
            Pod(Step("a", null), Step("b", null)),
            new ConversionOptions { DefaultRequests = new Dictionary<string, string> { ["cpu"] = "200m" } });

        Assert.Equal("200m", Init(spec)["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("""{"requests":{"cpu":"0"}}""", Resources(spec, 0));
    }

    [Fact]
    public void Numbers_written_without_quotes_are_quantities_too()
    {
        var spec = Convert(Pod(Step("a", """{"requests":{"cpu":2}}"""), Step("b", """{"requests":{"cpu":1.5}}""")));

        Assert.Equal("2", Init(spec)["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public void An_unreadable_quantity_is_an_error_naming_its_field_and_nothing_is_written()
    {
        var result = ManifestConverter.Convert(
            Pod(Step("a", """{"requests":{"cpu":"lots"}}"""), Step("b", """{"requests":{"cpu":"1"}}""")),
            new ConversionOptions());

        Assert.Null(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.containers[0].resources.requests.cpu", error.Path);
        Assert.Contains("must be a quantity", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Pod(params JsonObject[] steps) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = "p" },
        ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["containers"] = new JsonArray([.. steps]) },
    };

    private static JsonObject Step(string name, string? resources)
    {
        var step = new JsonObject { ["name"] = name, ["image"] = "busybox", ["command"] = new JsonArray("true") };
        if (resources is not null)
        {
            step["resources"] = JsonNode.Parse(resources);
        }

        return step;
    }

    private static JsonObject Convert(JsonObject pod, ConversionOptions? options = null)
    {
        var result = ManifestConverter.Convert(pod, options ?? new ConversionOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Document!["spec"]!.AsObject();
    }

    private static JsonObject Init(JsonObject spec) => spec["initContainers"]![0]!.AsObject();

    private static string Resources(JsonObject spec, int step) => spec["containers"]![step]!["resources"]!.ToJsonString();
}
