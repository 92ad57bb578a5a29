using System.Text.Json.Nodes;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// <c>convert</c>'s default: the images of a document's steps without <c>command</c> are looked up in their registries
/// for the platform their pod spec runs on (<see cref="PlatformSelection"/>), and each step is pinned to the digest
/// that was read unless pinning is off. A step whose image cannot be looked up is an error at its <c>image</c>, naming
/// the image, the platform, what went wrong and every request tried.
/// </summary>
internal sealed class RegistryStepImages : IStepImageSource
{
    private readonly RegistryImageLookup lookup;
    private readonly Platform fallback;
    private readonly bool pin;

    /// <summary>Creates the source.</summary>
    /// <param name="lookup">The run's lookup.</param>
    /// <param name="fallback">The platform where a pod spec names none (<c>--platform</c>, else linux/amd64).</param>
    /// <param name="pin">Whether steps are pinned to the digest that was looked up.</param>
    public RegistryStepImages(RegistryImageLookup lookup, Platform fallback, bool pin)
    {
        this.lookup = lookup;
        this.fallback = fallback;
        this.pin = pin;
    }

    /// <inheritdoc/>
    public DocumentImages Resolve(JsonObject manifest)
    {
        var templates = StepImageCollector.Collect(manifest);
        if (templates.Count == 0)
        {
            return DocumentImages.None;
        }

        var plan = Plan(templates);
        var outcomes = lookup.Resolve(plan.Where(p => p.Error is null).Select(p => (p.Reference!, p.Platform!)));
        var errors = new List<ConversionError>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var facts = new Dictionary<string, ImageFacts>(StringComparer.Ordinal);
        var platforms = new Dictionary<string, (Platform Platform, string Path)>(StringComparer.Ordinal);
        // In step order, so that the errors of a document read from top to bottom.
        foreach (var (step, reference, platform, error) in plan)
        {
            if (error is not null)
            {
                if (!errors.Contains(error))
                {
                    errors.Add(error);
                }

                replaced.Add(step.CommandPath);
                continue;
            }

            var outcome = outcomes[(reference!.Text, platform!.ToString())];
            if (!outcome.Succeeded)
            {
                Fail(step, $"the step '{step.Name}' has no command, so what its image '{step.Image}' runs was looked up for {platform}, and that failed ({outcome.Kind}): {outcome.Failure} Or give the step a command, which needs no lookup.");
            }
            else if (platforms.TryGetValue(reference.Text, out var earlier) && earlier.Platform != platform)
            {
                // The converter takes one answer per image and document; a List read whole can hold Pods of several platforms.
                Fail(step, $"the image '{step.Image}' runs on {platform} here but on {earlier.Platform} at {earlier.Path}, and one document can carry only one answer per image; put the objects in separate documents");
            }
            else
            {
                platforms[reference.Text] = (platform, step.Path);
                var config = outcome.Image.Config;
                facts[reference.Text] = new ImageFacts(config.Entrypoint, config.Cmd, pin ? reference.WithDigest(outcome.Image.ManifestDigest).ToString() : null);
            }
        }

        return new DocumentImages(facts, errors, replaced);

        void Fail(StepWithoutCommand step, string message)
        {
            errors.Add(new ConversionError(step.ImagePath, message));
            replaced.Add(step.CommandPath);
        }
    }

    /// <summary>
    /// Each step with an image, in order: the reference and platform to look up, or why it cannot be looked up (a pod
    /// spec whose platform cannot be chosen gives all its steps the same error, reported once).
    /// </summary>
    private List<(StepWithoutCommand Step, ImageReference? Reference, Platform? Platform, ConversionError? Error)> Plan(IReadOnlyList<PodTemplateSteps> templates)
    {
        var plan = new List<(StepWithoutCommand, ImageReference?, Platform?, ConversionError?)>();
        foreach (var template in templates)
        {
            var choice = PlatformSelection.Select(template.Spec, template.SpecPath, fallback);
            var platformError = choice.Succeeded ? null : new ConversionError(choice.ErrorPath, choice.Error);
            // A step without image is the converter's to report.
            foreach (var step in template.Steps.Where(step => step.Image is not null))
            {
                if (platformError is not null)
                {
                    plan.Add((step, null, null, platformError));
                }
                else if (ImageReference.TryParse(step.Image, out var reference, out var error))
                {
                    plan.Add((step, reference, choice.Platform, null));
                }
                else
                {
                    plan.Add((step, null, null, new ConversionError(
                        step.ImagePath,
                        $"the step '{step.Name}' has no command, so what its image runs must be looked up, but {error}; fix the image, or give the step a command")));
                }
            }
        }

        return plan;
    }
}
