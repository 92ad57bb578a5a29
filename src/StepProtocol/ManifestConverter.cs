using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Kinds;

namespace Kueueleuleu.StepProtocol;

/// <summary>Converts Kubernetes manifests so that the containers of each Pod run one after the other.</summary>
public static class ManifestConverter
{
    /// <summary>
    /// Converts one manifest (a Pod, PodTemplate, Job, CronJob, or a List of them). Other kinds are returned
    /// unchanged. The input is never modified; bad input gives errors, never exceptions.
    /// </summary>
    /// <param name="document">The manifest as a JSON tree.</param>
    /// <param name="options">What to inject.</param>
    /// <returns>The converted copy, or every error found.</returns>
    public static ConversionResult Convert(JsonNode document, ConversionOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        // Work on a copy: callers keep their input, and a failure leaves nothing half-converted behind.
        var copy = document.DeepClone();
        var errors = new List<ConversionError>();
        DocumentConverter.Convert(copy, string.Empty, options, errors);
        return ConversionResult.From(copy, errors);
    }
}
