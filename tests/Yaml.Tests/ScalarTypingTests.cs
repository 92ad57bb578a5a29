using System.Text.Json;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Yaml.Tests;

/// <summary>Plain scalars are typed as kubectl types them (go-yaml v2, YAML 1.1 flavour).</summary>
public class ScalarTypingTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("YES", true)]
    [InlineData("on", true)]
    [InlineData("On", true)]
    [InlineData("ON", true)]
    [InlineData("y", true)]
    [InlineData("Y", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("NO", false)]
    [InlineData("off", false)]
    [InlineData("Off", false)]
    [InlineData("n", false)]
    [InlineData("N", false)]
    public void Booleans(string yaml, bool expected)
    {
        var node = Codec.Value(yaml);
        Assert.Equal(expected ? JsonValueKind.True : JsonValueKind.False, node!.GetValueKind());
    }

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("")]
    [InlineData("!!null ''")]
    public void Nulls(string yaml)
    {
        var document = Codec.ReadOne("v: " + yaml);
        Assert.True(document.AsObject().ContainsKey("v"));
        Assert.Null(document["v"]);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("42", "42")]
    [InlineData("-17", "-17")]
    [InlineData("+1", "1")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("0X1f", "31")]
    [InlineData("0o17", "15")]
    [InlineData("017", "15")]
    [InlineData("0644", "420")]
    [InlineData("0b101", "5")]
    [InlineData("-0b101", "-5")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("-0", "-0")]
    public void Integers(string yaml, string json)
    {
        var node = Codec.Value(yaml);
        Assert.Equal(JsonValueKind.Number, node!.GetValueKind());
        Assert.Equal(json, node.ToJsonString());
    }

    [Theory]
    [InlineData("0.5", "0.5")]
    [InlineData("1.0", "1.0")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E+3", "1E+3")]
    [InlineData("-2.5e-3", "-2.5e-3")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("+.5", "0.5")]
    [InlineData("1.", "1.0")]
    [InlineData("08", "8")]
    [InlineData("1_0.5", "10.5")]
    [InlineData("18446744073709551616", "18446744073709551616")]
    [InlineData("-9223372036854775809", "-9223372036854775809")]
    public void Floats(string yaml, string json)
    {
        var node = Codec.Value(yaml);
        Assert.Equal(JsonValueKind.Number, node!.GetValueKind());
        Assert.Equal(json, node.ToJsonString());
    }

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2024-01-01T10:00:00Z")]
    [InlineData("12:30")]
    [InlineData("1:20:30")]
    [InlineData("200m")]
    [InlineData("1Gi")]
    [InlineData("0x")]
    [InlineData("0xZZ")]
    [InlineData("1e400")]
    [InlineData("1.2.3")]
    [InlineData("=")]
    [InlineData("yes please")]
    [InlineData("TRUE!")]
    [InlineData("0o9")]
    [InlineData("0x1p3")]
    public void OtherPlainScalarsAreStrings(string yaml)
    {
        var node = Codec.Value(yaml);
        Assert.True(TreeAssert.IsString(node, yaml), $"{yaml} read as {node?.ToJsonString()}");
    }

    [Theory]
    [InlineData("'true'", "true")]
    [InlineData("\"yes\"", "yes")]
    [InlineData("'0755'", "0755")]
    [InlineData("\"1e3\"", "1e3")]
    [InlineData("'~'", "~")]
    [InlineData("\"\"", "")]
    [InlineData("!!str 123", "123")]
    [InlineData("!!str yes", "yes")]
    [InlineData("!!timestamp 2024-01-01", "2024-01-01")]
    [InlineData("!custom 12", "12")]
    [InlineData("! 12", "12")]
    [InlineData("!!binary aGVsbG8=", "hello")]
    public void QuotedAndStringTaggedScalarsAreStrings(string yaml, string expected) =>
        Assert.True(TreeAssert.IsString(Codec.Value(yaml), expected));

    [Fact]
    public void BlockScalarsAreStrings()
    {
        var document = Codec.ReadOne("a: |\n  123\nb: >\n  true\n");
        Assert.True(TreeAssert.IsString(document["a"], "123\n"));
        Assert.True(TreeAssert.IsString(document["b"], "true\n"));
    }

    [Theory]
    [InlineData("!!int '12'", "12")]
    [InlineData("!!int 0x10", "16")]
    [InlineData("!!float 1", "1")]
    [InlineData("!!float '2.5'", "2.5")]
    public void NumberTagsForceNumbers(string yaml, string json)
    {
        var node = Codec.Value(yaml);
        Assert.Equal(JsonValueKind.Number, node!.GetValueKind());
        Assert.Equal(json, node.ToJsonString());
    }

    [Theory]
    [InlineData("!!bool 'yes'", JsonValueKind.True)]
    [InlineData("!!bool \"off\"", JsonValueKind.False)]
    public void BoolTagForcesBooleans(string yaml, JsonValueKind kind) =>
        Assert.Equal(kind, Codec.Value(yaml)!.GetValueKind());

    [Theory]
    [InlineData(".inf", "not a number JSON can represent")]
    [InlineData("-.Inf", "not a number JSON can represent")]
    [InlineData(".NaN", "not a number JSON can represent")]
    [InlineData("!!int abc", "cannot read `abc` as !!int")]
    [InlineData("!!bool 1", "cannot read `1` as !!bool")]
    [InlineData("!!null x", "cannot read `x` as !!null")]
    [InlineData("!!binary '***'", "not valid base64")]
    [InlineData("!!binary /w==", "not UTF-8")]
    public void UnrepresentableScalarsAreErrorsWithPosition(string yaml, string message)
    {
        var result = Kueueleuleu.Yaml.ManifestReader.Read("a: 1\nspec:\n  v: " + yaml + "\n");
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Position!.Value.Line);
        Assert.Equal(6, error.Position!.Value.Column);
        Assert.Equal("spec.v", error.Path);
        Assert.Empty(result.Documents);
    }

    [Theory]
    [InlineData("on: x", "true")]
    [InlineData("no: x", "false")]
    [InlineData("12: x", "12")]
    [InlineData("0x10: x", "16")]
    [InlineData("1.5: x", "1.5")]
    [InlineData("1e6: x", "1e+06")]
    [InlineData("0.0001: x", "0.0001")]
    [InlineData("0.00001: x", "1e-05")]
    [InlineData("'on': x", "on")]
    public void NonStringKeysBecomeStringsAsKubectlDoes(string yaml, string key) =>
        Assert.Equal(key, Assert.Single(Codec.ReadOne(yaml).AsObject()).Key);

    [Theory]
    [InlineData("~: x")]
    [InlineData("? [a, b]\n: x")]
    [InlineData("? {a: 1}\n: x")]
    public void KeysThatCannotBeNamesAreErrors(string yaml)
    {
        var result = Kueueleuleu.Yaml.ManifestReader.Read(yaml);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.NotNull(e.Position));
    }
}
