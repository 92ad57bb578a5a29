namespace Kueueleuleu.StepProtocol.Kinds;

/// <summary>Where each converted kind keeps its pod template.</summary>
internal static class KindTable
{
    private static readonly Dictionary<(string ApiVersion, string Kind), string[]> TemplatePaths = new()
    {
        // A Pod is its own template: its metadata and spec sit at the top.
        [("v1", "Pod")] = [],
        [("v1", "PodTemplate")] = ["template"],
        [("batch/v1", "Job")] = ["spec", "template"],
        [("batch/v1", "CronJob")] = ["spec", "jobTemplate", "spec", "template"],
        [("batch/v1beta1", "CronJob")] = ["spec", "jobTemplate", "spec", "template"],
    };

    /// <summary>The property names leading to the pod template, or <see langword="null"/> for kinds passed through.</summary>
    public static IReadOnlyList<string>? TemplatePath(string? apiVersion, string? kind) =>
        apiVersion is null || kind is null ? null : TemplatePaths.GetValueOrDefault((apiVersion, kind));

    /// <summary>Whether the object is a <c>v1 List</c>, whose items are converted one by one.</summary>
    public static bool IsList(string? apiVersion, string? kind) => apiVersion == "v1" && kind == "List";
}
