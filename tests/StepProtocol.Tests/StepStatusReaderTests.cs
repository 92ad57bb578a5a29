using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Protocol;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.StepProtocol.Tests;

public sealed class StepStatusReaderTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"spec":[]}""")]
    [InlineData("""{"spec":{"containers":{}}}""")]
    [InlineData("""{"spec":{"containers":[1,null,{"name":2,"command":["/kueueleuleu/entrypoint"],"args":["run"]}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","command":["/kueueleuleu/entrypoint"],"args":"run"}]},"status":[]}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","command":["/kueueleuleu/entrypoint"],"args":["run",1,null,{}]}]},"status":{"containerStatuses":{}}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","command":["/kueueleuleu/entrypoint"],"args":["run","--step=a","--after=a,ghost","--"]}]},"status":{"phase":5,"containerStatuses":[1,{"name":"a","state":{"running":{"startedAt":"yesterday"}}}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","command":["/kueueleuleu/entrypoint"],"args":["run","--step=a","--"]}]},"status":{"containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":"0","message":"{\"step\":\"a\",\"state\":\"succeeded\",\"exitCode\":1e99,\"startedAt\":5,\"finishedAt\":\"2026-13-45T99:00:00Z\"}"}}}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","command":["/kueueleuleu/entrypoint"],"args":["run","--step=a"]},{"name":"a","command":["/kueueleuleu/entrypoint"],"args":["run","--step=a"]}]}}""")]
    public void Never_throws_on_odd_input(string json)
    {
        var pod = System.Text.Json.Nodes.JsonNode.Parse(json);

        var steps = StepStatusReader.Read(pod!);

        Assert.True(steps.Count <= 1);
    }

    [Fact]
    public void An_unconverted_pod_has_no_steps()
    {
        var pod = Fixtures.Parse("""{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a","command":["true"]}]},"status":{"phase":"Running"}}""");

        Assert.Empty(StepStatusReader.Read(pod));
        Assert.False(StepStatusReader.IsConverted(pod));
    }

    [Fact]
    public void Reads_the_graph_of_a_pod_the_converter_produced()
    {
        var input = Fixtures.Load("Convert", "job-dag-policies.input.json");
        var template = ManifestConverter.Convert(input, new ConversionOptions()).Document!["spec"]!["template"]!;
        var pod = Fixtures.Parse($$"""{"apiVersion":"v1","kind":"Pod","spec":{{template["spec"]!.ToJsonString()}}}""");

        var steps = StepStatusReader.Read(pod);

        Assert.True(StepStatusReader.IsConverted(pod));
        Assert.Equal(["extract-a", "extract-b", "transform", "report"], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal(StepState.Waiting, s.State));
    }

    [Fact]
    public void A_message_for_another_step_is_ignored()
    {
        var pod = Fixtures.Parse("""
            {"spec":{"containers":[{"name":"a","command":["/kueueleuleu/entrypoint"],"args":["run","--step=a","--after=","--"]}]},
             "status":{"phase":"Failed","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":3,"reason":"Error",
               "startedAt":"2026-11-23T08:00:00Z","finishedAt":"2026-11-23T08:00:01Z",
               "message":"{\"step\":\"b\",\"state\":\"succeeded\",\"exitCode\":0,\"finishedAt\":\"2026-11-23T08:00:00.5Z\"}"}}}]}}
            """);

        var step = Assert.Single(StepStatusReader.Read(pod));

        Assert.Equal(StepState.Failed, step.State);
        Assert.Equal(3, step.ExitCode);
        Assert.Equal("Error", step.Reason);
    }

    [Fact]
    public void A_running_step_without_dependencies_started_with_its_container()
    {
        var pod = Fixtures.Parse("""
            {"spec":{"containers":[{"name":"a","command":["/kueueleuleu/entrypoint"],"args":["run","--step=a","--after=","--on-error=stop","--termination-log=/dev/termination-log","--","sleep","1"]}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"a","state":{"running":{"startedAt":"2026-11-23T08:00:00Z"}}}]}}
            """);

        var step = Assert.Single(StepStatusReader.Read(pod));

        Assert.Equal(new StepStatus("a", StepState.Running, DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null, null, null, null), step);
    }

    [Fact]
    public void Step_arguments_round_trip()
    {
        var written = new StepArguments("t", ["a", "b"], OnErrorPolicy.Continue, "OnFailure", "1h30m", "/tmp/log", ["go", "--", "-x"]);
        var container = Fixtures.Parse("""{"name":"t","command":["/kueueleuleu/entrypoint"]}""").AsObject();
        container["args"] = new System.Text.Json.Nodes.JsonArray([.. written.ToArgs().Select(a => (System.Text.Json.Nodes.JsonNode?)a)]);

        var read = StepArguments.Read(container)!;

        Assert.Equal(
            ["run", "--step=t", "--after=a,b", "--on-error=continue", "--restart-policy=OnFailure", "--timeout=1h30m", "--termination-budget=4096", "--termination-log=/tmp/log", "--", "go", "--", "-x"],
            written.ToArgs());
        Assert.Equal(
            (written.Step, written.OnError, written.RestartPolicy, written.Timeout, written.TerminationLog),
            (read.Step, read.OnError, read.RestartPolicy, read.Timeout, read.TerminationLog));
        Assert.Equal(written.After, read.After);
        Assert.Equal(written.Command, read.Command);
    }
}
