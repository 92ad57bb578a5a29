using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Errors;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.Yaml;
using Kueueleuleu.Converter;

namespace Kueueleuleu.Cli.Commands;

/// <summary>What <see cref="ConvertPipeline"/> produced: the whole output, or every error and no output.</summary>
internal sealed record PipelineResult(string? Output, IReadOnlyList<Diagnostic> Errors)
{
    /// <summary>True when there is output and no error.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The pure core of <c>convert</c>: reads every source, converts every document, and renders the output only when
/// nothing failed, so a bad document never yields half a manifest bundle.
/// </summary>
internal static class ConvertPipeline
{
    /// <summary>
    /// Converts <paramref name="sources"/> in order. <paramref name="inputErrors"/> (inputs that could not be read)
    /// come first in the result's errors and, like any error, suppress the output.
    /// </summary>
    public static PipelineResult Run(
        IReadOnlyList<InputSource> sources, ConversionOptions options, OutputFormat format, IReadOnlyList<Diagnostic>? inputErrors = null)
    {
        var converted = new List<JsonNode>();
        var errors = new List<Diagnostic>(inputErrors ?? []);
        foreach (var source in sources)
        {
            ConvertSource(source, options, converted, errors);
        }

        if (errors.Count == 0 && converted.Count == 0)
        {
            var names = string.Join(", ", sources.Select(s => s.Name));
            errors.Add(new Diagnostic(names.Length == 0 ? "input" : names, "no Kubernetes objects found; pass manifests with -f"));
        }

        return errors.Count == 0
            ? new PipelineResult(ManifestWriter.Write(converted, format), errors)
            : new PipelineResult(null, errors);
    }

    private static void ConvertSource(InputSource source, ConversionOptions options, List<JsonNode> converted, List<Diagnostic> errors)
    {
        var read = ManifestReader.Read(source.Text);
        errors.AddRange(read.Errors.Select(e => new Diagnostic(source.Name, e.Message)
        {
            Document = e.Document,
            Position = e.Position,
            Path = e.Path,
        }));
        foreach (var document in read.Documents)
        {
            ConvertDocument(source.Name, document, options, converted, errors);
        }
    }

    private static void ConvertDocument(string sourceName, ReadDocument document, ConversionOptions options, List<JsonNode> converted, List<Diagnostic> errors)
    {
        if (document.Root is not JsonObject root)
        {
            errors.Add(new Diagnostic(sourceName, $"expected a Kubernetes object (a mapping with apiVersion and kind), found {Describe(document.Root)}")
            {
                Document = document.Number,
            });
            return;
        }

        var result = ManifestConverter.Convert(root, options);
        if (result.Succeeded && result.Document is not null)
        {
            converted.Add(result.Document);
            return;
        }

        var label = ObjectLabel.For(root);
        if (result.Errors.Count == 0)
        {
            errors.Add(new Diagnostic(sourceName, "the converter returned no document and no error") { Document = document.Number, Object = label });
        }

        errors.AddRange(result.Errors.Select(e => new Diagnostic(sourceName, e.Message)
        {
            Document = document.Number,
            Object = label,
            Path = e.Path,
        }));
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
