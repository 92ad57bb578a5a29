using System.Text.RegularExpressions;
using Kueueleuleu.StepProtocol.Policies;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities.Tests;

public class PatternTests
{
    [Theory]
    [InlineData("30s")]
    [InlineData("1.5h")]
    [InlineData("2h45m")]
    [InlineData("300ms")]
    [InlineData("1.s")]
    [InlineData(".5m")]
    [InlineData("10us")]
    [InlineData("10\u00b5s")]
    [InlineData("10\u03bcs")]
    [InlineData("1h1m1s1ms1us1ns")]
    public void Positive_Go_durations_match_the_pattern_and_parse(string text)
    {
        Assert.Matches(SchemaPatterns.GoDuration, text);
        Assert.True(GoDurationParser.TryParsePositive(text, out _, out var error), error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("30")]
    [InlineData("-1s")]
    [InlineData("1d")]
    [InlineData("1 s")]
    [InlineData("s")]
    [InlineData(".s")]
    [InlineData("1.5.5s")]
    [InlineData("1S")]
    public void Pattern_refuses_what_is_not_a_positive_Go_duration(string text)
    {
        Assert.DoesNotMatch(SchemaPatterns.GoDuration, text);
        Assert.False(GoDurationParser.TryParsePositive(text, out _, out _));
    }

    [Fact]
    public void Pattern_refuses_a_plus_sign_that_Go_would_accept()
    {
        // Stricter than Go on purpose: a timeout written "+1s" is surely a mistake and the CRD says so early.
        Assert.DoesNotMatch(SchemaPatterns.GoDuration, "+1s");
        Assert.True(GoDurationParser.TryParsePositive("+1s", out _, out _));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("build-1", true)]
    [InlineData("0", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    public void Dns_label_pattern(string text, bool valid)
    {
        Assert.Equal(valid, Regex.IsMatch(text, SchemaPatterns.DnsLabel));
    }

    [Theory]
    [InlineData("Complete", true)]
    [InlineData("example.com/Custom", true)]
    [InlineData("bad type", false)]
    public void Condition_type_pattern(string text, bool valid)
    {
        Assert.Equal(valid, Regex.IsMatch(text, SchemaPatterns.ConditionType));
    }

    [Fact]
    public void Every_condition_type_matches_the_pattern()
    {
        Assert.All(ConditionTypes.All, t => Assert.Matches(SchemaPatterns.ConditionType, t));
        Assert.Equal(["Complete", "Failed", "Ready", "Reconciling", "Stalled"], ConditionTypes.All);
    }
}
