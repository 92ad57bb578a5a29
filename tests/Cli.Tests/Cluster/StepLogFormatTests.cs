using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Cli.Tests.Cluster;

public sealed class StepLogFormatTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("one\n", new[] { "one" })]
    [InlineData("one\ntwo", new[] { "one", "two" })]
    [InlineData("one\r\n\ntwo\n", new[] { "one", "", "two" })]
    public void Lines_split_at_line_ends_without_a_trailing_empty_line(string text, string[] expected) =>
        Assert.Equal(expected, StepLogFormat.Lines(text));

    [Fact]
    public void Lines_are_prefixed_with_the_step() =>
        Assert.Equal("[build] compiling", StepLogFormat.Prefix("build", "compiling"));

    [Fact]
    public void Skipped_steps_get_a_note_with_the_reason()
    {
        var step = new SequentialJobStepStatus { Name = "publish", State = StepState.Skipped, Reason = "DependencyFailed", Message = "dependency \"build\" is failed" };
        Assert.Equal("[publish] (skipped: DependencyFailed: dependency \"build\" is failed)", StepLogFormat.Note("publish", step, runFinished: true));
    }

    [Fact]
    public void Waiting_steps_get_a_note_that_depends_on_whether_the_run_ended()
    {
        var step = new SequentialJobStepStatus { Name = "c", State = StepState.Waiting };
        Assert.Equal("[c] (not started yet)", StepLogFormat.Note("c", step, runFinished: false));
        Assert.Equal("[c] (did not run)", StepLogFormat.Note("c", step, runFinished: true));
        Assert.Equal("[c] (not started yet)", StepLogFormat.Note("c", null, runFinished: false));
    }

    [Theory]
    [InlineData(StepState.Running)]
    [InlineData(StepState.Succeeded)]
    [InlineData(StepState.Failed)]
    public void Steps_that_ran_have_no_note(StepState state) =>
        Assert.Null(StepLogFormat.Note("a", new SequentialJobStepStatus { Name = "a", State = state }, runFinished: true));
}
