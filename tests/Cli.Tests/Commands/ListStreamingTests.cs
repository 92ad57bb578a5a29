using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.Yaml;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Commands;

/// <summary>
/// A v1 List converted item by item gives what the converter gives for the whole List: the same output,
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

    public static TheoryData<string, string> ListsAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var text in new[]
        {
            "apiVersion: v1\nitems:\n" + Items + "\nkind: List\nmetadata: {resourceVersion: \"\"}\n",
            Fixtures.Read("10-list.yaml"),
            "apiVersion: v1\nkind: List\nitems: []\n",
            // A List first, between and last in a stream: JSON output writes the first document aside until it
            // knows whether the output is a List of documents.
            Fixtures.Read("10-list.yaml") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n" + Fixtures.Read("10-list.yaml") + "---\napiVersion: v1\nkind: List\nitems: []\n",
        })
        {
            data.Add(text, "yaml");
            data.Add(text, "json");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ListsAndFormats))]
    public void OutputIsTheConvertersForTheWholeList(string text, string format)
    {
        var converted = Codec.ReadAll(text).Select(d => ManifestConverter.Convert(d, new ConversionOptions()).Document).ToList();
        var expected = format == "yaml" ? YamlWriter.Write(converted) : JsonWriter.Write(converted);

        var (output, errors) = Pipeline.Convert([InputSource.FromText("list.yaml", text)], format == "yaml" ? OutputFormat.Yaml : OutputFormat.Json);

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
