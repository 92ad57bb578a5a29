using System.Text.Json.Nodes;
using Kueueleuleu.Yaml;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Yaml.Tests;

/// <summary>Streams, anchors, merge keys, duplicates and the limits that guard against hostile input.</summary>
public class StructureTests
{
    [Fact]
    public void EmptyDocumentsAreSkippedButCounted()
    {
        var result = ManifestReader.Read("# only a comment\n---\n---\na: 1\n---\n~\n---\nb: 2\n");
        Assert.True(result.Succeeded);
        Assert.Equal([2, 4], result.Documents.Select(d => d.Number));
    }

    [Fact]
    public void KeyOrderIsKept()
    {
        var document = Codec.ReadOne("z: 1\na: 2\nm: 3\n");
        Assert.Equal(["z", "a", "m"], document.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void AliasesAreExpanded()
    {
        var document = Codec.ReadOne("a: &x {k: [1, 2]}\nb: *x\nc: &s text\nd: *s\n");
        TreeAssert.Identical(document["a"], document["b"]);
        Assert.True(TreeAssert.IsString(document["d"], "text"));
    }

    [Fact]
    public void MergeKeysExplicitKeysWinAndEarlierSourcesWin()
    {
        var document = Codec.ReadOne("""
            base: &base {a: 1, b: 1, c: 1}
            other: &other {b: 2, d: 2}
            one:
              c: 9
              <<: *base
            two:
              <<: [*other, *base]
              e: 5
            """);
        TreeAssert.Identical(Codec.ReadOne("{\"c\": 9, \"a\": 1, \"b\": 1}"), document["one"]);
        TreeAssert.Identical(Codec.ReadOne("{\"b\": 2, \"d\": 2, \"a\": 1, \"c\": 1, \"e\": 5}"), document["two"]);
    }

    [Theory]
    [InlineData("a: {<<: [1]}", "merge key << needs a mapping")]
    [InlineData("a: {<<: text}", "merge key << needs a mapping")]
    [InlineData("a: *missing", "refers to no earlier anchor")]
    [InlineData("a: &x [*x]", "refers to no earlier anchor")]
    public void BadAliasesAndMergesAreErrors(string yaml, string message)
    {
        var error = Assert.Single(ManifestReader.Read(yaml).Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void AliasBombIsRefused()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var started = DateTime.UtcNow;
        var result = ManifestReader.Read(string.Join("\n", lines));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        var error = Assert.Single(result.Errors);
        Assert.Contains("alias bomb", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void DuplicateKeysNameTheKeyAndLines()
    {
        var result = ManifestReader.Read("metadata:\n  name: a\n  labels: {}\n  name: b\n");
        var error = Assert.Single(result.Errors);
        Assert.Contains("duplicate key \"name\" (first defined at line 2)", error.Message, StringComparison.Ordinal);
        Assert.Equal(new TextPosition(4, 3), error.Position);
        Assert.Equal("metadata.name", error.Path);
    }

    [Fact]
    public void KeysThatBecomeEqualAfterTypingAreDuplicates()
    {
        var error = Assert.Single(ManifestReader.Read("on: 1\n\"true\": 2\n").Errors);
        Assert.Contains("duplicate key \"true\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllErrorsOfADocumentAreReportedTogether()
    {
        var result = ManifestReader.Read("a: .inf\nb: 1\nb: 2\nc: *nope\n---\nd: .nan\n");
        Assert.Equal([1, 1, 1, 2], result.Errors.Select(e => e.Document));
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", 1)]
    [InlineData("v: -\n", 1)]
    [InlineData("a: 1\n---\nb: c: d\n", 3)]
    [InlineData("a:\n  - 1\n b: 2\n", 3)]
    [InlineData("a: \"unterminated\n", 1)]
    [InlineData("a: 1\n  b: 2\n", 2)]
    public void SyntaxErrorsNameLineAndColumn(string yaml, int line)
    {
        var error = Assert.Single(ManifestReader.Read(yaml).Errors);
        Assert.Equal(line, error.Position!.Value.Line);
        Assert.True(error.Position.Value.Column >= 1);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorKeepsTheDocumentNumber()
    {
        var error = Assert.Single(ManifestReader.Read("a: 1\n---\nb: 2\n---\nc: [\n").Errors);
        Assert.Equal(3, error.Document);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotACrash()
    {
        var yaml = new string('[', 5000) + new string(']', 5000);
        var error = Assert.Single(ManifestReader.Read("a: " + yaml).Errors);
        Assert.Contains("deeper than", error.Message, StringComparison.Ordinal);
        var json = Assert.Single(ManifestReader.Read("{\"a\": " + yaml + "}").Errors);
        Assert.NotNull(json.Position);
    }

    [Fact]
    public void JsonStreamsHoldSeveralValuesAndKeepNumberText()
    {
        var documents = Codec.ReadAll("{\"a\": 1.0}\n{\"b\": 1e3}  {\"c\": 12345678901234567890123}");
        Assert.Equal(["{\"a\":1.0}", "{\"b\":1e3}", "{\"c\":12345678901234567890123}"], documents.Select(d => d.ToJsonString()));
    }

    [Theory]
    [InlineData("{\"a\": 1, // c\n}", 1)]
    [InlineData("{\"a\": 1,}", 1)]
    [InlineData("{\"a\": 1}\n{\"b\": }", 2)]
    [InlineData("{a: 1}", 1)]
    public void JsonSyntaxErrorsNamePosition(string json, int line)
    {
        var error = Assert.Single(ManifestReader.Read(json).Errors);
        Assert.Equal(line, error.Position!.Value.Line);
        Assert.Contains("read as JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonDuplicateKeysAreErrorsWithPath()
    {
        var error = Assert.Single(ManifestReader.Read("{\"metadata\": {\"name\": \"a\", \"name\": \"b\"}}").Errors);
        Assert.Equal("metadata.name", error.Path);
    }

    [Fact]
    public void JsonOutputIsIndentedUnescapedAndListsSeveralDocuments()
    {
        var one = JsonWriter.Write([Codec.ReadOne("a: héllo <&>")]);
        Assert.Equal("{\n  \"a\": \"héllo <&>\"\n}\n", one);
        var several = JsonNode.Parse(JsonWriter.Write([Codec.ReadOne("a: 1"), Codec.ReadOne("b: 2")]))!;
        Assert.Equal("List", several["kind"]!.GetValue<string>());
        Assert.Equal(2, several["items"]!.AsArray().Count);
    }
}
