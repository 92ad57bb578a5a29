using System.Text.Json.Nodes;
using Kueueleuleu.GitOps.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Kueueleuleu.GitOps.Tests.ArgoCd;

/// <summary>
/// config/gitops/argocd/kueueleuleu.io/SequentialJob/health.lua run by lua5.1 on the objects captured from the local
/// cluster: every case of health_test.yaml (Argo CD's own layout and assertions: exact status and message), and the
/// meaning of each verdict checked again independently of the messages written in health_test.yaml.
/// </summary>
public sealed class HealthLuaTests
{
    public static TheoryData<string, string, string> HealthTestCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (input, status, message) in ReadHealthTest())
        {
            data.Add(input, status, message);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HealthTestCases))]
    public void Health_test_yaml_case_holds(string inputPath, string status, string message)
    {
        var health = HealthScript.Evaluate(YamlJson.ReadObject(Paths.TestData(inputPath)));

        Assert.Equal(status, health.Status);
        Assert.Equal(message, health.Message);
    }

    [Fact]
    public void Health_test_yaml_covers_every_testdata_file_and_every_health()
    {
        var cases = ReadHealthTest();
        var listed = cases.Select(c => c.InputPath).Order(StringComparer.Ordinal).ToList();
        var files = Directory.GetFiles(Paths.TestData("testdata"), "*.yaml")
            .Select(f => "testdata/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files, listed);
        Assert.Equal(["Degraded", "Healthy", "Progressing", "Suspended"], cases.Select(c => c.Status).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("testdata/running.yaml", "Progressing", new[] { "Running", "step 2/3 test", "1/3 steps done" })]
    [InlineData("testdata/pending.yaml", "Progressing", new[] { "Pending", "step 1/3 build", "0/3 steps done", "ErrImageNeverPull" })]
    [InlineData("testdata/succeeded.yaml", "Healthy", new[] { "all 3 steps done" })]
    [InlineData("testdata/failed.yaml", "Degraded", new[] { "StepFailed", "step check failed with exit code 3" })]
    [InlineData("testdata/suspended.yaml", "Suspended", new[] { "suspended", "1/3 steps done" })]
    [InlineData("testdata/invalid-spec.yaml", "Degraded", new[] { "InvalidSpec", "spec.steps[0].after" })]
    [InlineData("testdata/job-name-taken.yaml", "Degraded", new[] { "JobNameTaken", "a Job named name-taken already exists" })]
    [InlineData("testdata/generation-behind.yaml", "Progressing", new[] { "generation 2", "generation 1" })]
    [InlineData("testdata/no-status.yaml", "Progressing", new[] { "status" })]
    public void Captured_object_gets_the_health_it_means(string inputPath, string status, string[] fragments)
    {
        var health = HealthScript.Evaluate(YamlJson.ReadObject(Paths.TestData(inputPath)));

        Assert.Equal(status, health.Status);
        Assert.All(fragments, f => Assert.Contains(f, health.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Failed_run_names_the_step_from_its_steps_when_the_condition_has_no_message()
    {
        var failed = YamlJson.ReadObject(Paths.TestData("testdata/failed.yaml"));
        foreach (var condition in failed["status"]!["conditions"]!.AsArray())
        {
            condition!.AsObject().Remove("message");
        }

        var health = HealthScript.Evaluate(failed);

        Assert.Equal("Degraded", health.Status);
        Assert.Contains("step check failed with exit code 3", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_spec_than_the_status_is_progressing_whatever_the_status_says()
    {
        foreach (var file in new[] { "succeeded", "failed", "invalid-spec", "suspended" })
        {
            var obj = YamlJson.ReadObject(Paths.TestData($"testdata/{file}.yaml"));
            obj["metadata"]!["generation"] = (long)obj["status"]!["observedGeneration"]! + 1;

            Assert.Equal("Progressing", HealthScript.Evaluate(obj).Status);
        }
    }

    [Fact]
    public void A_spec_change_the_operator_could_not_apply_is_degraded()
    {
        // Stalled=True with SpecChangeIgnored on a run that otherwise goes on: the applied spec did not take effect.
        var obj = YamlJson.ReadObject(Paths.TestData("testdata/running.yaml"));
        var stalled = obj["status"]!["conditions"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string?)c["type"] == "Stalled");
        stalled["status"] = "True";
        stalled["reason"] = "SpecChangeIgnored";
        stalled["message"] = "the spec changed after Job three-steps was created";

        var health = HealthScript.Evaluate(obj);

        Assert.Equal("Degraded", health.Status);
        Assert.Contains("SpecChangeIgnored", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_harness_refuses_what_Argo_CD_does_not_offer_a_health_script()
    {
        var script = Path.Combine(Path.GetTempPath(), $"gitops-os-{Guid.NewGuid():N}.lua");
        File.WriteAllText(script, "return { status = \"Healthy\", message = tostring(os.time()) }\n");
        try
        {
            var obj = YamlJson.ReadObject(Paths.TestData("testdata/succeeded.yaml"));
            var error = Assert.ThrowsAny<Exception>(() => HealthScript.Evaluate(obj, script));
            Assert.Contains("'os'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static List<(string InputPath, string Status, string Message)> ReadHealthTest()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Paths.HealthTest)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return [.. ((YamlSequenceNode)root["tests"]).Children.Cast<YamlMappingNode>().Select(test =>
        {
            var health = (YamlMappingNode)test["healthStatus"];
            return (Scalar(test["inputPath"]), Scalar(health["status"]), Scalar(health["message"]));
        })];
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;
}
