using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.Entities;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>
/// The pure rendering of <c>kueueleuleu results</c>: the results of a SequentialJob's steps, from <c>status.steps[].results</c>,
/// as a <c>STEP NAME VALUE</c> table or as JSON/YAML data.
/// </summary>
internal static class ResultsView
{
    /// <summary>Where a step's results are in its Pod (the entrypoint's results directory on the shared volume).</summary>
    public const string VolumeDirectory = "/kueueleuleu/results";

    private static readonly string[] Headers = ["STEP", "NAME", "VALUE"];

    /// <summary>The steps to show: all in step order, or the one asked for (an unknown name is an error naming the steps).</summary>
    public static IReadOnlyList<SequentialJobStepStatus> Select(SequentialJob job, string? step)
    {
        ArgumentNullException.ThrowIfNull(job);
        var steps = job.Status?.Steps ?? [];
        if (step is null)
        {
            return [.. steps];
        }

        return steps.FirstOrDefault(s => s.Name == step) is { } found
            ? [found]
            : throw new ClusterCommandException(
                $"sequentialjob \"{job.Name}\" has no step \"{step}\" (its steps: {string.Join(", ", StatusView.StepNames(job))})");
    }

    /// <summary>
    /// The table: one line per result (<c>STEP NAME VALUE</c>); a value of one line is shown as it is (its final newline
    /// dropped), any other as a JSON string; a truncated one says its size and where the file is. Steps whose results did
    /// not all fit say how many are missing. Empty when there is nothing to show.
    /// </summary>
    public static string Text(IReadOnlyList<SequentialJobStepStatus> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var rows = new List<string[]>();
        foreach (var step in steps)
        {
            rows.AddRange((step.Results ?? []).Select(r => new[] { step.Name, r.Name, Value(step.Name, r) }));
            if (step.ResultsNotReported is > 0 and var missing)
            {
                rows.Add([step.Name, "-", Invariant($"({missing} more not reported: their names did not fit the step's termination message; see {VolumeDirectory}/{step.Name}/ in the Pod)")]);
            }
        }

        if (rows.Count == 0)
        {
            return string.Empty;
        }

        var widths = Enumerable.Range(0, Headers.Length - 1).Select(i => rows.Append(Headers).Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(Headers))
        {
            text.Append(row[0].PadRight(widths[0] + 2)).Append(row[1].PadRight(widths[1] + 2)).Append(row[2]);
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The data form: a list of <c>{step, results: [{name, value, size, truncated}], resultsNotReported}</c> entries, one per
    /// step that reported anything (or the step asked for, even without results).
    /// </summary>
    public static JsonArray Data(IReadOnlyList<SequentialJobStepStatus> steps, bool includeEmpty)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = new JsonArray();
        foreach (var step in steps.Where(s => includeEmpty || s.Results is { Count: > 0 } || s.ResultsNotReported > 0))
        {
            var entry = new JsonObject
            {
                ["step"] = step.Name,
                ["results"] = new JsonArray([.. (step.Results ?? []).Select(Result)]),
            };
            if (step.ResultsNotReported is > 0 and var missing)
            {
                entry["resultsNotReported"] = missing;
            }

            // The JsonNode overload: the generic Add<T> would wrap the object as a value through reflection.
            list.Add((JsonNode)entry);
        }

        return list;
    }

    private static JsonNode Result(SequentialJobStepResult result)
    {
        var node = new JsonObject { ["name"] = result.Name };
        if (result.Value is not null)
        {
            node["value"] = result.Value;
        }

        node["size"] = result.Size;
        if (result.Truncated == true)
        {
            node["truncated"] = true;
        }

        return node;
    }

    private static string Value(string step, SequentialJobStepResult result)
    {
        if (result.Truncated == true || result.Value is null)
        {
            return Invariant($"(truncated: {result.Size} bytes, not in the status; the whole file is {VolumeDirectory}/{step}/{result.Name} in the Pod)");
        }

        var value = result.Value.EndsWith('\n') ? result.Value[..^1] : result.Value;
        return value.Length > 0 && value.All(c => !char.IsControl(c)) && value.Trim() == value
            ? value
            : "\"" + JsonEncodedText.Encode(result.Value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
