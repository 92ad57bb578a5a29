using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Errors;
using Kueueleuleu.Cli.Images;
using Kueueleuleu.Cli.Input;
using Kueueleuleu.Cli.Output;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.Yaml;

namespace Kueueleuleu.Cli.Commands;

/// <summary>
/// The core of <c>convert</c>: streams every source, converts each document as it is read and writes it at once,
/// so memory follows the largest document, not the input. Errors are reported as they are found; after the first
/// one nothing more is written, and the caller throws the output away, so a bad document never yields half a
/// manifest bundle. The images of steps without <c>command</c> are looked up (by the <see cref="IStepImageSource"/>)
/// just before their document is converted, so the lookup streams with the input too.
/// </summary>
internal sealed class ConvertPipeline
{
    private readonly ConversionOptions _options;
    private readonly ManifestWriter _output;
    private readonly Action<Diagnostic> _report;
    private readonly InputBudget _budget;
    private readonly ReadLimits _limits;
    private readonly IStepImageSource? _images;
    private int _written;

    private ConvertPipeline(ConversionOptions options, ManifestWriter output, Action<Diagnostic> report, InputBudget budget, ReadLimits limits, IStepImageSource? images)
    {
        _options = options;
        _images = images;
        _output = output;
        _report = error =>
        {
            Failed = true;
            report(error);
        };
        _budget = budget;
        _limits = limits;
    }

    private bool Failed { get; set; }

    /// <summary>
    /// Converts <paramref name="sources"/> in order into <paramref name="output"/>, reporting every error through
    /// <paramref name="report"/>. <paramref name="inputErrors"/> (inputs that could not be listed) are reported
    /// first and, like any error, fail the run. <paramref name="images"/> tells what the images of steps without
    /// <c>command</c> run; without it the converter reports such steps itself.
    /// </summary>
    /// <returns>True when every document converted; the output is then whole but not yet completed.</returns>
    public static bool Run(
        IReadOnlyList<InputSource> sources,
        ConversionOptions options,
        ManifestWriter output,
        Action<Diagnostic> report,
        IReadOnlyList<Diagnostic>? inputErrors = null,
        InputBudget? budget = null,
        ReadLimits? limits = null,
        IStepImageSource? images = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var pipeline = new ConvertPipeline(options, output, report, budget ?? new InputBudget(InputBudget.DefaultLimit), limits ?? ReadLimits.Default, images);
        foreach (var error in inputErrors ?? [])
        {
            pipeline._report(error);
        }

        foreach (var source in sources)
        {
            pipeline.ConvertSource(source);
        }

        if (!pipeline.Failed && pipeline._written == 0)
        {
            var names = string.Join(", ", sources.Select(s => s.Name));
            pipeline._report(new Diagnostic(names.Length == 0 ? "input" : names, "no Kubernetes objects found; pass manifests with -f"));
        }

        return !pipeline.Failed;
    }

    private void ConvertSource(InputSource source) =>
        SourceReader.Read(source, _budget, _limits, streamListItems: true, document => Convert(source.Name, document), _report);

    private void Convert(string sourceName, ReadDocument document)
    {
        if (document.Items is { } items)
        {
            ConvertList(sourceName, document, items);
        }
        else
        {
            ConvertDocument(sourceName, document);
        }
    }

    private void ConvertDocument(string sourceName, ReadDocument document)
    {
        if (document.Root is not JsonObject root)
        {
            _report(new Diagnostic(sourceName, $"expected a Kubernetes object (a mapping with apiVersion and kind), found {Describe(document.Root)}")
            {
                Document = document.Number,
            });
            return;
        }

        var (converted, errors) = ConvertManifest(root);
        if (converted is not null)
        {
            Write(converted);
            return;
        }

        var label = ObjectLabel.For(root);
        if (errors.Count == 0)
        {
            _report(new Diagnostic(sourceName, "the converter returned no document and no error") { Document = document.Number, Object = label });
        }

        foreach (var error in errors)
        {
            _report(new Diagnostic(sourceName, error.Message) { Document = document.Number, Object = label, Path = error.Path });
        }
    }

    // A v1 List read item by item: each item is converted and written before the next is read, so the List is never
    // in memory whole. The converter converts a List by converting each item in place, so converting the items one by
    // one gives its result, and its error paths once prefixed with items[i].
    private void ConvertList(string sourceName, ReadDocument list, IEnumerable<ListItem> items)
    {
        var header = (JsonObject)list.Root;
        var label = ObjectLabel.For(header);
        var converted = ConvertItems(sourceName, list.Number, label, items);
        _written++;
        if (Failed)
        {
            // The output is thrown away; the items are still read and converted for their errors.
            foreach (var _ in converted)
            {
            }

            return;
        }

        _output.WriteList(header, converted);
    }

    private IEnumerable<JsonNode?> ConvertItems(string sourceName, int number, string label, IEnumerable<ListItem> items)
    {
        foreach (var item in items)
        {
            foreach (var error in item.Errors)
            {
                _report(Diagnostic.Of(sourceName, error));
            }

            if (item.Node is not JsonObject manifest)
            {
                yield return item.Node;
                continue;
            }

            var (converted, errors) = ConvertManifest(manifest);
            foreach (var error in errors)
            {
                var path = $"items[{item.Index}]" + (error.Path.Length == 0 ? string.Empty : error.Path[0] == '[' ? error.Path : "." + error.Path);
                _report(new Diagnostic(sourceName, error.Message) { Document = number, Object = label, Path = path });
            }

            yield return converted ?? manifest;
        }
    }

    // Looks up the images of the manifest's steps without command, then converts it with what was found. A lookup error
    // replaces the converter's error at that step's command, which could only say that the command is not known.
    private (JsonNode? Document, IReadOnlyList<ConversionError> Errors) ConvertManifest(JsonObject manifest)
    {
        var images = _images?.Resolve(manifest) ?? DocumentImages.None;
        var options = images.Facts.Count == 0 ? _options : _options with { Images = images.Facts };
        var result = ManifestConverter.Convert(manifest, options);
        var errors = images.Errors.Concat(result.Errors.Where(error => !images.Replaced.Contains(error.Path))).ToList();
        return (errors.Count == 0 && result.Succeeded ? result.Document : null, errors);
    }

    // Once anything failed the output is thrown away, so writing more would be wasted work.
    private void Write(JsonNode document)
    {
        _written++;
        if (!Failed)
        {
            _output.Write(document);
        }
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
