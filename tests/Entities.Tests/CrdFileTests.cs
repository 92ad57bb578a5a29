using System.Text.Json.Nodes;
using Kueueleuleu.CrdGen;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities.Tests;

public class CrdFileTests
{
    [Theory]
    [InlineData(CrdGenerator.CrdPath)]
    [InlineData(CrdGenerator.KustomizationPath)]
    public void Committed_file_is_what_the_generator_writes(string path)
    {
        var generated = CrdFiles.Render().Single(f => f.Path == path).Text;
        var full = Path.Combine(RepositoryRoot.Path, path);
        var committed = File.Exists(full) ? File.ReadAllText(full) : "";
        Assert.True(
            committed == generated,
            $"{path} is not what the C# types in src/Entities generate; run `{CrdGenerator.Command}` and commit the result.\n" +
            LineDiff.Describe(committed, generated));
    }

    [Fact]
    public void Yaml_reads_back_as_the_generated_json()
    {
        var text = CrdFiles.Render().Single(f => f.Path == CrdGenerator.CrdPath).Text;
        Assert.True(JsonNode.DeepEquals(CrdGenerator.Generate(), YamlToJson.Read(text)));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("12")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData("0x1F")]
    [InlineData("a: b")]
    [InlineData("- item")]
    [InlineData("# comment")]
    [InlineData("trailing ")]
    [InlineData("^[a-z]\\.$")]
    [InlineData("line\nbreak")]
    [InlineData("\"quoted\"")]
    [InlineData("'single'")]
    [InlineData(".status.phase")]
    [InlineData("")]
    [InlineData("µs and μs")]
    public void Yaml_output_keeps_every_string_a_string(string text)
    {
        var document = new JsonObject { ["value"] = text, ["list"] = new JsonArray(text, 1, false) };
        var yaml = CrdFiles.Yaml(document);
        Assert.True(JsonNode.DeepEquals(document, YamlToJson.Read(yaml)), yaml);
    }

    [Fact]
    public void Check_passes_on_fresh_files_and_fails_with_a_diff_on_a_stale_one()
    {
        var root = Directory.CreateTempSubdirectory("crdgen-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "Kueueleuleu.sln"), "");
            var nested = Directory.CreateDirectory(Path.Combine(root, "src", "deep")).FullName;

            Assert.Equal(1, Run(nested, out _, out var missing, "--check"));
            Assert.Contains($"{CrdGenerator.CrdPath} is missing", missing, StringComparison.Ordinal);

            Assert.Equal(0, Run(nested, out var wrote, out _));
            Assert.Contains($"wrote {CrdGenerator.CrdPath}", wrote, StringComparison.Ordinal);
            Assert.Equal(0, Run(nested, out _, out _, "--check"));

            var crd = Path.Combine(root, CrdGenerator.CrdPath);
            File.WriteAllText(crd, File.ReadAllText(crd).Replace("shortNames:\n    - sjob", "shortNames:\n    - sj", StringComparison.Ordinal));
            Assert.Equal(1, Run(root, out _, out var stale, "--check"));
            Assert.Contains("-16:     - sj", stale, StringComparison.Ordinal);
            Assert.Contains("+16:     - sjob", stale, StringComparison.Ordinal);
            Assert.Contains($"run `{CrdGenerator.Command}`", stale, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Unknown_argument_and_missing_root_are_usage_errors()
    {
        Assert.Equal(2, Run(RepositoryRoot.Path, out _, out var unknown, "--chek"));
        Assert.Contains("unknown argument '--chek'", unknown, StringComparison.Ordinal);
        Assert.Equal(2, Run(Path.GetPathRoot(RepositoryRoot.Path)!, out _, out var noRoot, "--check"));
        Assert.Contains("no Kueueleuleu.sln", noRoot, StringComparison.Ordinal);
    }

    private static int Run(string directory, out string output, out string error, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CrdGenCommand.Run(args, directory, stdout, stderr);
        output = stdout.ToString();
        error = stderr.ToString();
        return code;
    }
}
