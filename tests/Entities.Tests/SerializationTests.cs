using System.Text.Json;
using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.Entities.Json;

namespace Kueueleuleu.Entities.Tests;

public class SerializationTests
{
    private const string Full = """
        {
          "apiVersion": "kueueleuleu.io/v1alpha1",
          "kind": "SequentialJob",
          "metadata": {"name": "build", "namespace": "ci", "uid": "1234", "generation": 3, "labels": {"a": "b"}},
          "spec": {
            "template": {
              "metadata": {"labels": {"app": "x"}},
              "spec": {
                "containers": [
                  {"name": "compile", "image": "busybox", "command": ["sh", "-c", "make"], "resources": {"limits": {"cpu": "200m"}}},
                  {"name": "test", "image": "busybox", "args": ["-v"], "securityContext": {"runAsNonRoot": false}}
                ],
                "restartPolicy": "Never",
                "volumes": [{"name": "work", "emptyDir": {}}],
                "futurePodField": {"x": 1.50}
              }
            },
            "backoffLimit": 0,
            "activeDeadlineSeconds": 600,
            "ttlSecondsAfterFinished": 60,
            "suspend": false,
            "parallelism": 1,
            "completions": 1,
            "completionMode": "NonIndexed",
            "podFailurePolicy": {"rules": [{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [42]}}]},
            "podReplacementPolicy": "Failed",
            "managedBy": "kubernetes.io/job-controller",
            "steps": [
              {"name": "test", "after": ["compile"], "onError": "continue", "timeout": "1m30s", "retries": 2, "retryBackoff": "5s", "debug": "OnFailure", "debugTimeout": "20m"},
              {"name": "compile", "after": [], "when": "Always"}
            ],
            "debug": "Never",
            "retention": {"ttlSecondsAfterFinished": 3600}
          },
          "status": {
            "observedGeneration": 3,
            "phase": "Failed",
            "jobName": "build-sjob",
            "podName": "build-sjob-abcde",
            "startTime": "2025-01-02T03:04:05Z",
            "completionTime": "2025-01-02T03:05:25Z",
            "currentStep": "test",
            "waiting": 0,
            "running": 0,
            "succeeded": 1,
            "failed": 1,
            "skipped": 0,
            "progress": "2/2",
            "duration": "1m20s",
            "attempts": 1,
            "steps": [
              {"name": "compile", "state": "Succeeded", "startedAt": "2025-01-02T03:04:06.123456Z", "finishedAt": "2025-01-02T03:05:00Z", "exitCode": 0},
              {"name": "test", "state": "Failed", "exitCode": 42, "reason": "Error", "message": "exit status 42"}
            ],
            "conditions": [
              {"type": "Failed", "status": "True", "observedGeneration": 3, "lastTransitionTime": "2025-01-02T03:05:25Z", "reason": "StepFailed", "message": "step test failed"},
              {"type": "Ready", "status": "False", "lastTransitionTime": "2025-01-02T03:05:25Z", "reason": "StepFailed", "message": ""}
            ]
          }
        }
        """;

    [Fact]
    public void Full_object_round_trips_unchanged()
    {
        var job = Deserialize(Full);
        var written = JsonSerializer.SerializeToNode(job, SequentialJobJson.Options);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Full), written), written!.ToJsonString());
    }

    [Fact]
    public void Typed_fields_are_read_with_the_CRD_names()
    {
        var job = Deserialize(Full);
        Assert.Equal(("build", "ci", "1234", 3L), (job.Name, job.Namespace, job.Uid, job.Generation));
        Assert.Equal(["compile", "test"], job.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal(600, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal(StepOnError.Continue, job.Spec.Steps![0].OnError);
        Assert.Equal(["compile"], job.Spec.Steps[0].After!);
        Assert.Equal(3600, job.Spec.Retention!.TtlSecondsAfterFinished);
        Assert.Equal((2, "5s", StepDebug.OnFailure, "20m"), (job.Spec.Steps[0].Retries, job.Spec.Steps[0].RetryBackoff, job.Spec.Steps[0].Debug, job.Spec.Steps[0].DebugTimeout));
        Assert.Equal(StepWhen.Always, job.Spec.Steps[1].When);
        Assert.Equal(StepDebug.Never, job.Spec.Debug);
        Assert.Equal(SequentialJobPhase.Failed, job.Status!.Phase);
        Assert.Equal(StepState.Failed, job.Status.Steps![1].State);
        Assert.Equal(ConditionStatus.True, job.Status.Conditions![0].Status);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 5, 25, TimeSpan.Zero), job.Status.CompletionTime);
    }

    [Fact]
    public void Job_spec_has_every_field_but_steps_debug_and_retention_unknown_ones_included()
    {
        var jobSpec = Deserialize(Full).Spec.ToJobSpec();
        var expected = JsonNode.Parse(Full)!["spec"]!.DeepClone().AsObject();
        expected.Remove("steps");
        expected.Remove("debug");
        expected.Remove("retention");
        Assert.True(JsonNode.DeepEquals(expected, jobSpec), jobSpec.ToJsonString());
        Assert.Equal("1.50", jobSpec["template"]!["spec"]!["futurePodField"]!["x"]!.ToJsonString());
    }

    [Fact]
    public void Step_policies_reach_the_converter_as_written()
    {
        var steps = StepPolicy.ToWritten(Deserialize(Full).Spec.Steps)!;

        Assert.Equal(
            new Kueueleuleu.StepProtocol.Policies.WrittenStepPolicy(
                "test", steps[0]!.After, Kueueleuleu.StepProtocol.Policies.OnErrorPolicy.Continue, "1m30s", 2, "5s", null,
                Kueueleuleu.StepProtocol.Policies.DebugPolicy.OnFailure, "20m"),
            steps[0]);
        Assert.Equal(Kueueleuleu.StepProtocol.Policies.StepCondition.Always, steps[1]!.When);
        Assert.Equal((null, null, null), (steps[1]!.Retries, steps[1]!.Debug, steps[1]!.DebugTimeout));
    }

    [Fact]
    public void Absent_fields_are_not_written_as_null()
    {
        var job = new SequentialJob();
        job.Spec.Template.Spec.Containers.Add(new StepContainer { Name = "a", Image = "busybox" });
        var written = JsonSerializer.Serialize(job, SequentialJobJson.Options);
        Assert.Equal(
            """{"apiVersion":"kueueleuleu.io/v1alpha1","kind":"SequentialJob","metadata":{},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"busybox"}]}}}}""",
            written);
    }

    [Fact]
    public void Times_are_written_in_utc_with_Z_and_fractions_only_when_present()
    {
        var status = new SequentialJobStatus
        {
            StartTime = new DateTimeOffset(2025, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)),
            CompletionTime = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(2_500_000),
        };
        var written = JsonSerializer.SerializeToNode(status, SequentialJobJson.Options)!;
        Assert.Equal("2025-01-02T03:04:05Z", (string?)written["startTime"]);
        Assert.Equal("2025-01-02T03:04:05.25Z", (string?)written["completionTime"]);
    }

    [Fact]
    public void Bad_time_is_a_json_error()
    {
        Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<SequentialJobStatus>("""{"startTime": "yesterday"}""", SequentialJobJson.Options));
    }

    [Fact]
    public void Step_status_copies_the_converters_step_status()
    {
        var started = DateTimeOffset.Parse("2025-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture);
        var step = new StepStatus("test", StepState.Skipped, started, started.AddSeconds(1), 3, "DependencyFailed", "compile failed");
        var copy = SequentialJobStepStatus.From(step);
        Assert.Equal(
            (step.Name, step.State, step.StartedAt, step.FinishedAt, step.ExitCode, step.Reason, step.Message),
            (copy.Name, copy.State, copy.StartedAt, copy.FinishedAt, copy.ExitCode, copy.Reason, copy.Message));
    }

    private static SequentialJob Deserialize(string json) =>
        JsonSerializer.Deserialize<SequentialJob>(json, SequentialJobJson.Options)!;
}
