using Kueueleuleu.StepProtocol.Policies;

namespace Kueueleuleu.StepProtocol.Tests;

public sealed class GoDurationParserTests
{
    [Theory]
    [InlineData("300ms", 300_000_000L)]
    [InlineData("30s", 30_000_000_000L)]
    [InlineData("5m", 300_000_000_000L)]
    [InlineData("1h30m", 5_400_000_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData(".5s", 500_000_000L)]
    [InlineData("1.s", 1_000_000_000L)]
    [InlineData("2h45m30.5s", 9_930_500_000_000L)]
    [InlineData("1ns", 1L)]
    [InlineData("10us", 10_000L)]
    [InlineData("10\u00b5s", 10_000L)]
    [InlineData("10\u03bcs", 10_000L)]
    [InlineData("+7s", 7_000_000_000L)]
    [InlineData("1m1m", 120_000_000_000L)]
    [InlineData("1.0000000001s", 1_000_000_000L)]
    [InlineData("2562047h47m16.854775807s", long.MaxValue)]
    public void Accepts_positive_go_durations(string text, long nanoseconds)
    {
        Assert.True(GoDurationParser.TryParsePositive(text, out var duration, out var error), error);
        Assert.Equal(nanoseconds, duration.Nanoseconds);
        Assert.Equal(text, duration.Text);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("10", "a unit is missing")]
    [InlineData("10 minutes", "' minutes' is not a unit")]
    [InlineData("1d", "'d' is not a unit")]
    [InlineData("1H", "'H' is not a unit")]
    [InlineData("s", "a number is expected")]
    [InlineData(".s", "a number is expected")]
    [InlineData("1h-5m", "'h-' is not a unit")]
    [InlineData("2562047h47m16.854775808s", "too long")]
    [InlineData("99999999999999999999h", "too long")]
    [InlineData("-", "is empty")]
    public void Rejects_what_go_rejects(string text, string problem)
    {
        Assert.False(GoDurationParser.TryParse(text, out _, out var error));
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains(GoDurationParser.SyntaxHint, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("0.0000000001s")]
    public void A_timeout_must_be_longer_than_zero(string text)
    {
        Assert.True(GoDurationParser.TryParse(text, out _, out _));
        Assert.False(GoDurationParser.TryParsePositive(text, out _, out var error));
        Assert.Contains("longer than zero", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Converts_to_a_time_span()
    {
        Assert.True(GoDurationParser.TryParse("1h30m", out var duration, out _));

        Assert.Equal(TimeSpan.FromMinutes(90), duration.ToTimeSpan());
    }
}
