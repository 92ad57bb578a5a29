using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Status;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// Table-driven over Fixtures/Status: NAME.pod.json (a Pod with its status, as the API server returns it) and
/// NAME.steps.json (the expected steps). Adding a captured Pod is adding those two files.
/// </summary>
public sealed class StepStatusFixtureTests
{
    private const string Folder = "Status";

    public static TheoryData<string> Pods() => Fixtures.Table(Fixtures.Names(Folder, ".pod.json"));

    [Theory]
    [MemberData(nameof(Pods))]
    public void Steps_match_the_expected_steps(string name)
    {
        var pod = Fixtures.Load(Folder, name + ".pod.json");
        var expected = Fixtures.Load(Folder, name + ".steps.json").AsArray().Select(Expected).ToList();

        var steps = StepStatusReader.Read(pod);

        Assert.Equal(expected, steps);
    }

    [Fact]
    public void Every_pod_has_expected_steps()
    {
        Assert.NotEmpty(Fixtures.Names(Folder, ".pod.json"));
        Assert.Equal(Fixtures.Names(Folder, ".pod.json"), Fixtures.Names(Folder, ".steps.json"));
    }

    private static StepStatus Expected(JsonNode? row) => new(
        (string)row!["name"]!,
        Enum.Parse<StepState>((string)row["state"]!),
        Time(row["startedAt"]),
        Time(row["finishedAt"]),
        (int?)row["exitCode"],
        (string?)row["reason"],
        (string?)row["message"],
        (int?)row["attempts"],
        row["earlierAttempts"]?.AsArray().Select(a => (string)a!).ToList(),
        row["results"]?.AsArray().Select(Result).ToList(),
        (int?)row["resultsNotReported"] ?? 0);

    private static StepResult Result(JsonNode? row) =>
        new((string)row!["name"]!, (string?)row["value"], (long)row["size"]!, (bool?)row["truncated"] ?? false);

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}
