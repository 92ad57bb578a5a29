using System.Globalization;
using System.Text;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// The termination message as the kubelet hands it over: whole, or cut after its first N bytes, which is what the
/// kubelet does when a Pod's containers share its 12288-byte budget (189 bytes each for 64 steps and the init
/// container). Every cut is tried: what survived is read exactly, nothing is made up.
/// </summary>
public sealed class TerminationMessageTests
{
    private static readonly string Name = new('s', 63);
    private static readonly DateTimeOffset Started = Time("2026-11-23T08:01:22.1234567Z");
    private static readonly DateTimeOffset Finished = Time("2026-11-23T08:01:25.1234567Z");

    private static readonly string Line =
        $"kueueleuleu/2 {Name} timed-out 137 2026-11-23T08:01:22.123456789Z 2026-11-23T08:01:25.123456789Z timed out after 2s; its process group was killed (killed by SIGKILL, exit code 137)\n";

    private static readonly string Legacy =
        $$"""{"step":"{{Name}}","state":"timed-out","exitCode":137,"startedAt":"2026-11-23T08:01:22.123456789Z","finishedAt":"2026-11-23T08:01:25.123456789Z","message":"timed out after 2s"}""" + "\n";

    [Fact]
    public void A_whole_line_gives_every_field()
    {
        var message = TerminationMessage.Parse(Line, Name);

        Assert.Equal(
            new TerminationMessage(Name, "timed-out", 137, Started, Finished, "timed out after 2s; its process group was killed (killed by SIGKILL, exit code 137)"),
            message);
    }

    [Fact]
    public void A_line_without_a_message_or_with_absent_fields_reads()
    {
        Assert.Equal(
            new TerminationMessage("b", "skipped", null, null, Time("2026-11-23T08:01:25Z"), null),
            TerminationMessage.Parse("kueueleuleu/2 b skipped - - 2026-11-23T08:01:25Z\n", "b"));
    }

    [Fact]
    public void Every_cut_of_a_line_keeps_what_survived_and_invents_nothing()
    {
        var stateEnd = Line.IndexOf(" 137 ", StringComparison.Ordinal) + 1;
        for (var length = 0; length <= Line.Length; length++)
        {
            var message = TerminationMessage.Parse(Line[..length], Name);

            if (length < stateEnd)
            {
                Assert.Null(message);
                continue;
            }

            Assert.NotNull(message);
            Assert.Equal("timed-out", message.State);
            Assert.True(message.ExitCode is null or 137, $"cut at {length}: exit code {message.ExitCode}");
            Assert.True(message.StartedAt is null || message.StartedAt == Started, $"cut at {length}: started {message.StartedAt:O}");
            Assert.True(message.FinishedAt is null || message.FinishedAt == Finished, $"cut at {length}: finished {message.FinishedAt:O}");
            Assert.True(
                message.Message is null || length == Line.Length || (message.Message.EndsWith('…') && Line.Contains(message.Message[..^1], StringComparison.Ordinal)),
                $"cut at {length}: message {message.Message}");
        }
    }

    [Fact]
    public void At_the_share_of_64_steps_only_the_message_is_cut()
    {
        const int share = 12288 / (64 + 1);

        var message = TerminationMessage.Parse(Line[..share], Name)!;

        Assert.Equal((137, Started, Finished), (message.ExitCode, message.StartedAt, message.FinishedAt));
        Assert.StartsWith("timed out", message.Message, StringComparison.Ordinal);
        Assert.EndsWith("…", message.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_split_by_the_cut_is_dropped()
    {
        var line = "kueueleuleu/2 a failed 1 2026-11-23T08:01:22Z 2026-11-23T08:01:25Z fehlgeschlagen: Größe\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        var cut = Array.IndexOf(bytes, (byte)0xC3, bytes.Length - 10) + 1;
        // The kubelet cuts bytes; the API server then returns the invalid tail as U+FFFD.
        var text = Encoding.UTF8.GetString(bytes, 0, cut);

        var message = TerminationMessage.Parse(text, "a")!;

        Assert.Equal("fehlgeschlagen: Gr…", message.Message);
    }

    [Fact]
    public void Every_cut_of_the_older_json_keeps_what_survived()
    {
        var stateEnd = Legacy.IndexOf("timed-out\"", StringComparison.Ordinal) + "timed-out\"".Length;
        for (var length = 0; length <= Legacy.Length; length++)
        {
            var message = TerminationMessage.Parse(Legacy[..length], Name);

            if (length < stateEnd)
            {
                Assert.Null(message);
                continue;
            }

            Assert.NotNull(message);
            Assert.Equal("timed-out", message.State);
            Assert.True(message.ExitCode is null or 137, $"cut at {length}: exit code {message.ExitCode}");
            Assert.True(message.StartedAt is null || message.StartedAt == Started, $"cut at {length}");
            Assert.True(message.FinishedAt is null || message.FinishedAt == Finished, $"cut at {length}");
            Assert.True(message.Message is null or "timed out after 2s", $"cut at {length}: message {message.Message}");
        }
    }

    [Theory]
    [InlineData("kueueleuleu/2 other succeeded 0 2026-11-23T08:01:22Z 2026-11-23T08:01:25Z\n")]
    [InlineData("""{"step":"other","state":"succeeded"}""")]
    [InlineData("kueueleuleu/2 a finished 0 2026-11-23T08:01:22Z 2026-11-23T08:01:25Z\n")]
    [InlineData("kueueleuleu/2 a")]
    [InlineData("kueueleuleu/2 a succ")]
    [InlineData("kueueleuleu/4 a succeeded 0 2026-11-23T08:01:22Z 2026-11-23T08:01:25Z 1 0\n")]
    [InlineData("kueueleuleu/3 a maybe 0 2026-11-23T08:01:22Z 2026-11-23T08:01:25Z 1 0\n")]
    [InlineData("kueueleuleu/3 a")]
    [InlineData("--- FAIL: TestParse (0.00s)\nFAIL\n")]
    [InlineData("{\"step\":\"a\",\"state\":[\"succeeded\"]}")]
    [InlineData("{\"step\":\"a\",\"nested\":{\"state\":\"succeeded\"}}")]
    [InlineData("{\"step\":\"a\",\"state\"")]
    [InlineData("{{{")]
    [InlineData("")]
    public void Anything_else_is_not_an_outcome(string text)
    {
        Assert.Null(TerminationMessage.Parse(text, "a"));
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
