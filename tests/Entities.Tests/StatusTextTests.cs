using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.Entities.Tests;

public class StatusTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.9, "0s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m0s")]
    [InlineData(80, "1m20s")]
    [InlineData(7205, "2h0m5s")]
    [InlineData(90061, "25h1m1s")]
    [InlineData(-3, "0s")]
    public void Duration_is_Go_duration_text_in_whole_seconds(double seconds, string expected)
    {
        var text = StatusText.Duration(TimeSpan.FromSeconds(seconds));
        Assert.Equal(expected, text);
        Assert.True(GoDurationParser.TryParse(text, out var parsed, out _));
        Assert.Equal(Math.Max(0, Math.Floor(seconds)), parsed.ToTimeSpan().TotalSeconds);
    }

    [Fact]
    public void Progress_counts_succeeded_failed_and_skipped_as_finished()
    {
        Assert.Equal("3/5", StatusText.Progress(
            [StepState.Succeeded, StepState.Failed, StepState.Skipped, StepState.Running, StepState.Waiting]));
        Assert.Equal("0/0", StatusText.Progress([]));
    }
}
