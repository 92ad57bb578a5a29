using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.Converter;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>
/// A v1 List converted item by item (YAML output) gives what the converter gives for the whole List: the same output,
/// byte for byte, and the same errors with the same paths.
/// </summary>
public class ListStreamingTests
{
    private const string Items = """
        - apiVersion: batch/v1
          kind: Job
          metadata: {name: j}
          spec:
            template:
              spec:
                restartPolicy: Never
                containers:
                - {name: a, image: alpine, command: [echo, a]}
                - {name: b, image: alpine, command: [echo, b]}
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data: {mode: "0755"}
        - null
        - apiVersion: v1
          kind: Pod
          metadata: {name: p, annotations: {a/b: x}}
          spec:
            restartPolicy: Never
            containers:
            - {name: a, image: alpine, command: [init]}
            - {name: b, image: alpine, command: [run]}
        """;

    public static TheoryData<string> Lists => new()
    {
        "apiVersion: v1\nitems:\n" + Items + "\nkind: List\nmetadata: {resourceVersion: \"\"}\n",
        Fixtures.Read("10-list.yaml"),
        "apiVersion: v1\nkind: List\nitems: []\n",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void OutputIsTheConvertersForTheWholeList(string text)
    {
        var whole = Codec.ReadAll(text);
        var expected = YamlWriter.Write(whole.Select(d => ManifestConverter.Convert(d, new ConversionOptions()).Document));

        var (output, errors) = Pipeline.Convert([InputSource.FromText("list.yaml", text)], OutputFormat.Yaml);

        Assert.Empty(errors);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void ErrorsAreTheConvertersWithTheirPaths()
    {
        var text = "apiVersion: v1\nkind: List\nmetadata: {name: all}\nitems:\n" + Items.Replace("command: [echo, b]", "command: 7", StringComparison.Ordinal).Replace("command: [run]", "command: []", StringComparison.Ordinal) + "\n";
        var expected = ManifestConverter.Convert(Codec.ReadOne(text), new ConversionOptions()).Errors
            .Select(e => $"list.yaml: document 1 (List all): {e.Path}: {e.Message}");

        var (output, errors) = Pipeline.Convert([InputSource.FromText("list.yaml", text)], OutputFormat.Yaml);

        Assert.Null(output);
        Assert.Equal(expected, errors.Select(e => e.ToString()));
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("list.yaml: document 1 (List all): items[0].spec.template.spec.containers[1].command: ", errors[0].ToString(), StringComparison.Ordinal);
    }
}
