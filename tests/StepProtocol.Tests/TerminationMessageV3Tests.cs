using System.Globalization;
using System.Text;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// The version 3 termination message: a header line, one line per reported result, an optional message line. The
/// entrypoint fits it into the step's budget; when the kubelet still cuts it, what survived is read and nothing is made up.
/// </summary>
public sealed class TerminationMessageV3Tests
{
    private static readonly DateTimeOffset Started = Time("2026-11-23T09:00:03.3Z");
    private static readonly DateTimeOffset Finished = Time("2026-11-23T09:01:09.9Z");

    private const string Header = "kueueleuleu/3 test failed 1 2026-11-23T09:00:03.300000000Z 2026-11-23T09:01:09.900000000Z 3:1,t 4\n";

    private const string Complete =
        Header
        + "r coverage 5 81.5%25\n"
        + "r junit.xml 48213\n"
        + "r summary 19 12%20passed,%201%20failed\n"
        + "m exited with code 1 (attempt 3 of 3)\n";

    private static readonly StepResult Coverage = new("coverage", "81.5%", 5, false);
    private static readonly StepResult Junit = new("junit.xml", null, 48213, true);
    private static readonly StepResult Summary = new("summary", "12 passed, 1 failed", 19, false);

    [Fact]
    public void A_complete_message_gives_every_field()
    {
        var message = TerminationMessage.Parse(Complete, "test");

        Assert.Equal(
            new TerminationMessage("test", "failed", 1, Started, Finished, "exited with code 1 (attempt 3 of 3)", 3, ["1", "t"], [Coverage, Junit, Summary], 1),
            message);
    }

    [Fact]
    public void A_result_without_its_value_is_truncated_and_keeps_its_size()
    {
        var message = TerminationMessage.Parse(Header.Replace(" 4\n", " 1\n", StringComparison.Ordinal) + "r log 9000\n", "test")!;

        Assert.Equal([new StepResult("log", null, 9000, true)], message.Results);
        Assert.Equal(0, message.ResultsNotReported);
    }

    [Fact]
    public void Results_whose_lines_did_not_fit_are_counted_as_not_reported()
    {
        var message = TerminationMessage.Parse(Header.Replace(" 4\n", " 7\n", StringComparison.Ordinal) + "r a 1 x\nr b 1 y\n", "test")!;

        Assert.Equal([new StepResult("a", "x", 1, false), new StepResult("b", "y", 1, false)], message.Results);
        Assert.Equal(5, message.ResultsNotReported);
    }

    [Theory]
    [InlineData("r v 3 a%20b", "a b")]
    [InlineData("r v 3 %25%0A%7F", "%\n\u007f")]
    [InlineData("r v 7 Größe", "Größe")]
    [InlineData("r v 0", "")]
    [InlineData("r v 0 ", "")]
    [InlineData("r v 2 %2", null)]
    [InlineData("r v 1 %ZZ", null)]
    [InlineData("r v 1 %FF", null)]
    [InlineData("r v 5 abc", null)]
    public void Values_are_percent_decoded_and_a_value_that_is_not_the_files_is_left_out(string line, string? value)
    {
        var message = TerminationMessage.Parse(Header.Replace(" 4\n", " 1\n", StringComparison.Ordinal) + line + "\n", "test")!;

        var result = Assert.Single(message.Results);
        Assert.Equal((value, value is null), (result.Value, result.Truncated));
    }

    [Fact]
    public void A_message_cut_by_the_kubelet_ends_with_an_ellipsis()
    {
        var text = Header.Replace(" 4\n", " 0\n", StringComparison.Ordinal) + "m exited with code 1 (attempt 3 of 3)";

        var message = TerminationMessage.Parse(text[..^8], "test")!;

        Assert.Equal("exited with code 1 (attempt…", message.Message);
        Assert.Equal((3, Started, Finished), (message.Attempts, message.StartedAt, message.FinishedAt));
    }

    [Fact]
    public void A_character_split_by_the_kubelets_cut_is_dropped()
    {
        var bytes = Encoding.UTF8.GetBytes(Header.Replace(" 4\n", " 0\n", StringComparison.Ordinal) + "m Größe\n");
        var cut = Array.IndexOf(bytes, (byte)0xC3, bytes.Length - 8) + 1;

        var message = TerminationMessage.Parse(Encoding.UTF8.GetString(bytes, 0, cut), "test")!;

        Assert.Equal("Gr…", message.Message);
    }

    [Fact]
    public void Every_cut_keeps_what_survived_and_invents_nothing()
    {
        var stateEnd = Complete.IndexOf(" 1 2026", StringComparison.Ordinal) + 1;
        for (var length = 0; length <= Complete.Length; length++)
        {
            var message = TerminationMessage.Parse(Complete[..length], "test");
            if (length < stateEnd)
            {
                Assert.Null(message);
                continue;
            }

            Assert.NotNull(message);
            Assert.Equal("failed", message.State);
            Assert.True(message.ExitCode is null or 1, $"cut at {length}: exit code {message.ExitCode}");
            Assert.True(message.StartedAt is null || message.StartedAt == Started, $"cut at {length}");
            Assert.True(message.FinishedAt is null || message.FinishedAt == Finished, $"cut at {length}");
            Assert.True(message.Attempts is null or 3, $"cut at {length}: attempts {message.Attempts}");
            Assert.True(message.Attempts is null ? message.EarlierAttempts.Count == 0 : message.EarlierAttempts.SequenceEqual(["1", "t"]), $"cut at {length}");
            Assert.All(message.Results, r => Assert.True(
                r == Coverage || r == Summary || (r.Value is null && r.Truncated && new[] { Coverage, Junit, Summary }.Any(e => e.Name == r.Name && e.Size == r.Size)),
                $"cut at {length}: {r}"));
            Assert.True(message.ResultsNotReported + message.Results.Count is 0 or 4, $"cut at {length}: {message.ResultsNotReported} + {message.Results.Count}");
            Assert.True(
                message.Message is null || length == Complete.Length || (message.Message.EndsWith('…') && Complete.Contains(message.Message[..^1], StringComparison.Ordinal)),
                $"cut at {length}: message {message.Message}");
        }
    }

    [Fact]
    public void A_step_whose_condition_was_not_met_reads_without_exit_code_or_start()
    {
        var message = TerminationMessage.Parse(
            "kueueleuleu/3 report condition-false - - 2026-11-23T09:00:30Z 0 0\nm runs only when a dependency failed (when: OnFailure); every dependency succeeded; the command never ran\n", "report")!;

        Assert.Equal(("condition-false", null, null, 0), (message.State, message.ExitCode, message.StartedAt, message.Attempts));
        Assert.StartsWith("runs only when a dependency failed", message.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3:1,x")]
    [InlineData("three")]
    [InlineData("3:")]
    public void Malformed_attempts_are_left_out(string attempts)
    {
        var message = TerminationMessage.Parse($"kueueleuleu/3 test failed 1 - - {attempts} 0\n", "test")!;

        Assert.Equal((null, 0), (message.Attempts, message.EarlierAttempts.Count));
    }

    [Fact]
    public void The_version_2_line_and_the_older_json_are_still_read()
    {
        var line = TerminationMessage.Parse("kueueleuleu/2 a failed 3 2026-11-23T09:00:03.3Z 2026-11-23T09:01:09.9Z exited with code 3\n", "a");
        var json = TerminationMessage.Parse("""{"step":"a","state":"failed","exitCode":3,"startedAt":"2026-11-23T09:00:03.3Z","finishedAt":"2026-11-23T09:01:09.9Z","message":"exited with code 3"}""", "a");

        var expected = new TerminationMessage("a", "failed", 3, Started, Finished, "exited with code 3");
        Assert.Equal(expected, line);
        Assert.Equal(expected, json);
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
