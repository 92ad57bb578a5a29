using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.Yaml;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Fidelity;

/// <summary>
/// Converts every fidelity fixture through the CLI pipeline and checks that everything the conversion does not own
/// came through unchanged: values, types, number text and key order.
/// </summary>
public class FidelityTests
{
    public static TheoryData<string> Names => Fixtures.FidelityNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryFieldNotOwnedByTheConversionSurvives(string name)
    {
        var (inputs, outputs, _) = ConvertFixture(name, OutputFormat.Yaml);
        Assert.Equal(inputs.Count, outputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            OwnedPaths.AssertPreserved(inputs[i], outputs[i], $"document {i + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void JsonOutputCarriesTheSameTrees(string name)
    {
        var (_, yamlOutputs, _) = ConvertFixture(name, OutputFormat.Yaml);
        var (_, jsonOutputs, _) = ConvertFixture(name, OutputFormat.Json);
        Assert.Equal(yamlOutputs.Count, jsonOutputs.Count);
        for (var i = 0; i < yamlOutputs.Count; i++)
        {
            TreeAssert.Identical(yamlOutputs[i], jsonOutputs[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void PassThroughDocumentsAreByteForByteTheRoundTripOfTheirTree(string name)
    {
        var (inputs, _, text) = ConvertFixture(name, OutputFormat.Yaml);
        var segments = SplitDocuments(text);
        Assert.Equal(inputs.Count, segments.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!OwnedPaths.IsConverted(inputs[i]))
            {
                Assert.Equal(YamlWriter.Write([inputs[i]]), segments[i]);
            }
        }
    }

    [Fact]
    public void CorpusHasPassThroughAndConvertedDocuments()
    {
        var all = Fixtures.FidelityFiles.SelectMany(f => Codec.ReadAll(File.ReadAllText(f))).ToList();
        Assert.Contains(all, d => !OwnedPaths.IsConverted(d));
        Assert.Contains(all, OwnedPaths.IsConverted);
    }

    private static (List<JsonNode> Inputs, List<JsonNode> Outputs, string Text) ConvertFixture(string name, OutputFormat format)
    {
        var text = Fixtures.Read(name);
        var (output, errors) = Pipeline.Convert([InputSource.FromText(name, text)], format);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var outputs = Codec.ReadAll(output!);
        if (format == OutputFormat.Json && outputs.Count == 1 && outputs[0]["kind"]?.GetValue<string>() == "List"
            && Codec.ReadAll(text).Count > 1)
        {
            outputs = outputs[0]["items"]!.AsArray().Select(item => item!).ToList();
        }

        return (Codec.ReadAll(text), outputs, output!);
    }

    // Documents are separated by a line that is exactly "---"; block scalars are always indented, so no content
    // line can be one.
    private static List<string> SplitDocuments(string text)
    {
        var segments = new List<string> { string.Empty };
        foreach (var line in text.Split('\n').SkipLast(1))
        {
            if (line == "---")
            {
                segments.Add(string.Empty);
            }
            else
            {
                segments[^1] += line + "\n";
            }
        }

        return segments;
    }
}
