using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Reservation;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>Converts one pod template (an object with <c>metadata</c> and <c>spec</c>) in place.</summary>
internal static class PodTemplateConverter
{
    /// <summary>
    /// Converts the template at <paramref name="path"/>. It is changed only when no error is found in it;
    /// an already converted template is left as it is.
    /// </summary>
    public static void Convert(
        JsonObject template, string path, StepPolicySource policies, ConversionOptions options, List<ConversionError> errors)
    {
        var found = new List<ConversionError>();
        var view = PodSpecReader.Read(template["spec"], JsonPath.Property(path, "spec"), found);
        if (view is null || SpecStateDetector.Detect(view, found) != SpecState.Original)
        {
            errors.AddRange(found);
            return;
        }

        OperatingSystemChecker.Check(view, found);
        ClashChecker.Check(view, found);
        var restartPolicy = RestartPolicyReader.Read(view, found);
        foreach (var container in view.Containers)
        {
            StepContainerChecker.Check(container, options, found);
        }

        var plans = policies.Plan(view.Complete ? [.. view.Containers.Select(c => c.Name)] : null, found);
        DebugProbeChecker.Check(view, plans, found);
        if (found.Count > 0)
        {
            errors.AddRange(found);
            return;
        }

        // Both read the pod spec as the user wrote it, before anything is injected.
        var qos = QosClassifier.Of(view.Spec);
        var reservation = PeakRequestsPlanner.Plan(view, plans, options, found);
        if (found.Count == 0)
        {
            PodSpecRewriter.Apply(view, plans, restartPolicy!, options, qos, reservation);
        }

        errors.AddRange(found);
    }
}
