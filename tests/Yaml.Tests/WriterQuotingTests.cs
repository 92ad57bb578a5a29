using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Yaml.Tests;

/// <summary>Strings are written plain only when every common YAML reader reads them back as the same string.</summary>
public class WriterQuotingTests
{
    [Theory]
    [InlineData("on")]
    [InlineData("On")]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("y")]
    [InlineData("N")]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("0755")]
    [InlineData("0o17")]
    [InlineData("0x1F")]
    [InlineData("0b11")]
    [InlineData("1e3")]
    [InlineData("1_000")]
    [InlineData("123")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("3.14")]
    [InlineData(".5")]
    [InlineData(".inf")]
    [InlineData("-.inf")]
    [InlineData(".nan")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("~")]
    [InlineData("2024-01-01")]
    [InlineData("2024-1-1 10:00:00")]
    [InlineData("12:30")]
    [InlineData("1:20:30.5")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("<<")]
    [InlineData("=")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("a: b")]
    [InlineData("ends:")]
    [InlineData("a #b")]
    [InlineData("#comment")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("%directive")]
    [InlineData("@at")]
    [InlineData("`tick")]
    [InlineData("'single")]
    [InlineData("\"double")]
    [InlineData("[list")]
    [InlineData("{map")]
    [InlineData("|pipe")]
    [InlineData(">fold")]
    [InlineData("? q")]
    [InlineData("- item")]
    [InlineData("--- doc")]
    [InlineData("...")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("nel\u0085")]
    [InlineData("\uFEFFbom")]
    public void TypedOrSpecialStringsAreQuoted(string value)
    {
        var line = WriteValue(value);
        Assert.StartsWith("v: \"", line, StringComparison.Ordinal);
        AssertRoundTrips(value);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("200m")]
    [InlineData("1Gi")]
    [InlineData("0.5Gi")]
    [InlineData("nginx:1.27")]
    [InlineData("registry.example.invalid/tools:2024.10")]
    [InlineData("1.2.3")]
    [InlineData("-c")]
    [InlineData("--step=build")]
    [InlineData("--after=")]
    [InlineData("/kueueleuleu/entrypoint")]
    [InlineData("http://example.invalid:8080/a#b")]
    [InlineData("hello world")]
    [InlineData("a,b")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("héllo ✓")]
    [InlineData("yes-please")]
    [InlineData("trueish")]
    [InlineData("25%")]
    [InlineData("RuntimeDefault")]
    public void OrdinaryStringsArePlain(string value)
    {
        Assert.Equal($"v: {value}", WriteValue(value));
        AssertRoundTrips(value);
    }

    [Theory]
    [InlineData("one\ntwo\n", "v: |\n  one\n  two\n")]
    [InlineData("one\ntwo", "v: |-\n  one\n  two\n")]
    [InlineData("one\ntwo\n\n", "v: |+\n  one\n  two\n\n")]
    [InlineData("  indented\nnext\n", "v: |2\n    indented\n  next\n")]
    public void MultiLineStringsAreLiteralBlocks(string value, string expected)
    {
        Assert.Equal(expected, Codec.WriteYaml(new JsonObject { ["v"] = value }));
        AssertRoundTrips(value);
    }

    [Theory]
    [InlineData("trailing space \nnext")]
    [InlineData("tab at end\t\nnext")]
    [InlineData("cr\r\nlf")]
    [InlineData("bell\u0007\nnext")]
    [InlineData("ends with space\nlast ")]
    [InlineData("ls\u2028\nnext")]
    public void MultiLineStringsBlocksCannotHoldAreDoubleQuoted(string value)
    {
        Assert.StartsWith("v: \"", WriteValue(value), StringComparison.Ordinal);
        AssertRoundTrips(value);
    }

    [Fact]
    public void ScalarsAndEmptyCollectionsAreWrittenAsTheirJsonText()
    {
        var document = Codec.ReadOne("""{"num": 1.50, "big": 12345678901234567890123, "t": true, "f": false, "z": null, "m": {}, "l": [], "n": 0}""");
        Assert.Equal("num: 1.50\nbig: 12345678901234567890123\nt: true\nf: false\nz: null\nm: {}\nl: []\n\"n\": 0\n", Codec.WriteYaml(document));
    }

    [Fact]
    public void DocumentsAreSeparatedAndSequencesUseKubectlIndentation()
    {
        var yaml = Codec.WriteYaml(Codec.ReadOne("a: [1, {b: c}]"), Codec.ReadOne("d: e"));
        Assert.Equal("a:\n- 1\n- b: c\n---\nd: e\n", yaml);
    }

    [Fact]
    public void LongStringsAreNotFolded()
    {
        var value = string.Join(' ', Enumerable.Repeat("word", 100));
        Assert.Equal($"v: {value}", WriteValue(value));
    }

    private static string WriteValue(string value) =>
        Codec.WriteYaml(new JsonObject { ["v"] = value }).TrimEnd('\n');

    private static void AssertRoundTrips(string value) =>
        Assert.True(TreeAssert.IsString(Codec.ReadOne(YamlWriter.Write([new JsonObject { ["v"] = value }]))["v"], value));
}
