using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>
/// Refuses Windows Pods: the entrypoint is a Linux binary (inotify, process groups, POSIX locks), and the API server
/// rejects a Windows Pod whose init container carries the Linux security settings the converter gives it.
/// </summary>
internal static class OperatingSystemChecker
{
    /// <summary>Adds an error when <c>os.name</c> says windows.</summary>
    public static void Check(PodSpecView view, List<ConversionError> errors)
    {
        if (view.Spec["os"] is JsonObject os && JsonRead.Text(os["name"]) is { } name
            && name.Equals("windows", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new(
                JsonPath.Property(JsonPath.Property(view.Path, "os"), "name"),
                $"is '{name}': kueueleuleu runs steps on Linux only (its entrypoint is a Linux binary), so a Windows Pod cannot be converted; run it without kueueleuleu, or on Linux nodes without os.name windows"));
        }
    }
}
