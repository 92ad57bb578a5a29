using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// <c>convert --offline</c>: no registry is asked, so every step without <c>command</c> is an error that says so and how
/// to change it.
/// </summary>
internal sealed class OfflineStepImages : IStepImageSource
{
    /// <inheritdoc/>
    public DocumentImages Resolve(JsonObject manifest)
    {
        var errors = new List<ConversionError>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in StepImageCollector.Collect(manifest).SelectMany(template => template.Steps).Where(step => step.Image is not null))
        {
            errors.Add(new ConversionError(
                step.CommandPath,
                $"is missing in container '{step.Name}', and with --offline what its image '{step.Image}' runs is not looked up in its registry, so the step cannot be wrapped; set command (and args) explicitly to what the image runs, or drop --offline to look it up"));
            replaced.Add(step.CommandPath);
        }

        return errors.Count == 0 ? DocumentImages.None : new DocumentImages(DocumentImages.None.Facts, errors, replaced);
    }
}
