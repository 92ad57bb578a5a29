using System.Text.Json.Nodes;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>Reads what the tests check from a SequentialJob's status.</summary>
public static class StatusReading
{
    public static string? Phase(JsonObject sjob) => sjob["status"]?["phase"]?.GetValue<string>();

    public static JsonObject Step(JsonObject sjob, string name) =>
        sjob["status"]!["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["name"]!.GetValue<string>() == name);

    public static IReadOnlyList<string> StepNames(JsonObject sjob) =>
        sjob["status"]!["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();

    public static string State(JsonObject step) => step["state"]!.GetValue<string>();

    public static DateTimeOffset Started(JsonObject step) => DateTimeOffset.Parse(step["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset Finished(JsonObject step) => DateTimeOffset.Parse(step["finishedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static int? ExitCode(JsonObject step) => step["exitCode"]?.GetValue<int>();

    public static string? Reason(JsonObject step) => step["reason"]?.GetValue<string>();

    public static string? Condition(JsonObject sjob, string type) =>
        sjob["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["status"]?.GetValue<string>();

    /// <summary>Waits (bounded) until the SequentialJob's phase is Succeeded or Failed, and returns it.</summary>
    public static async Task<JsonObject> WaitFinishedAsync(Kubectl kubectl, string ns, string name, TimeSpan timeout)
    {
        JsonObject? last = null;
        try
        {
            await Eventually.ThatAsync(
                async () =>
                {
                    last = await kubectl.GetJsonAsync(ns, $"sjob/{name}");
                    return Phase(last) is "Succeeded" or "Failed";
                },
                timeout,
                $"SequentialJob {ns}/{name} finished");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {last?["status"]?.ToJsonString()}", e);
        }

        return last!;
    }
}
