using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.EndToEnd.Tests.Support;

/// <summary>
/// With KUEUELEULEU_CAPTURE_DIR set, writes a Pod seen in a real run and the step-status reader's result as a
/// fixture pair (NAME.pod.json, NAME.steps.json) for the converter's table-driven reader tests.
/// </summary>
public static class FixtureCapture
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the pair when capturing is on; does nothing otherwise.</summary>
    public static async Task WriteAsync(string name, JsonObject pod, IReadOnlyList<StepStatus> steps)
    {
        if (Environment.GetEnvironmentVariable("KUEUELEULEU_CAPTURE_DIR") is not { Length: > 0 } dir)
        {
            return;
        }

        var rows = new JsonArray(steps.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["state"] = s.State.ToString(),
            ["startedAt"] = s.StartedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["finishedAt"] = s.FinishedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["exitCode"] = s.ExitCode,
            ["reason"] = s.Reason,
            ["message"] = s.Message,
        }).ToArray());
        await File.WriteAllTextAsync(Path.Combine(dir, $"{name}.pod.json"), pod.ToJsonString(Options) + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, $"{name}.steps.json"), rows.ToJsonString(Options) + "\n");
    }
}
