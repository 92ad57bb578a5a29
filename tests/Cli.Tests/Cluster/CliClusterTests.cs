using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Cli.Tests.Cluster;

/// <summary>run, status and logs against real SequentialJob runs of the operator on the local cluster.</summary>
[Collection(CliClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class CliClusterTests(CliClusterFixture cluster) : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private readonly string workDir = Directory.CreateTempSubdirectory("kl-cli-cluster-").FullName;

    public void Dispose() => Directory.Delete(workDir, recursive: true);

    [Fact]
    public async Task Run_status_and_logs_follow_a_successful_run()
    {
        var name = Unique("ok");
        var file = WritePod(name, ("a", "echo a-1; echo a-2; sleep 5"), ("b", "echo b-1; sleep 3"), ("c", "echo c-1; echo c-2"));

        var run = await CliAsync("run", "-f", file);
        Assert.Equal((0, $"sequentialjob.kueueleuleu.io/{name} created\n", ""), run);

        var watch = CliAsync("status", name, "-w");
        await Eventually.ThatAsync(async () => await StepStateAsync(name, "a") == "Running", RunTimeout, "step a running");
        Assert.Equal("Waiting", await StepStateAsync(name, "c"));
        var follow = CliAsync("logs", name, "-f");

        var (watchExit, watchOut, watchErr) = await watch;
        Assert.True(watchExit == 0, $"status -w exit {watchExit}: {watchErr}\n{watchOut}\noperator:\n{cluster.OperatorOutput}");
        var last = watchOut.Split("\n\n").Last();
        Assert.StartsWith($"sequentialjob/{name}  phase: Succeeded  progress: 3/3", last, StringComparison.Ordinal);
        Assert.Equal(["a Succeeded 0", "b Succeeded 0", "c Succeeded 0"], Rows(last));

        // Started while a ran and c waited: it must still have streamed c's lines, in step order.
        var (followExit, followOut, followErr) = await follow;
        Assert.Equal((0, ""), (followExit, followErr));
        AssertStepLines(followOut, "[a] a-1", "[a] a-2", "[b] b-1", "[c] c-1", "[c] c-2");

        var (statusExit, statusOut, _) = await CliAsync("status", name);
        Assert.Equal(0, statusExit);
        Assert.Equal(["a Succeeded 0", "b Succeeded 0", "c Succeeded 0"], Rows(statusOut));
        Assert.Matches(@"^a\s+Succeeded\s+\d+s\s+0\n", statusOut.Split('\n', 3)[2]);

        var (logsExit, logsOut, _) = await CliAsync("logs", name);
        Assert.Equal(0, logsExit);
        AssertStepLines(logsOut, "[a] a-1", "[a] a-2", "[b] b-1", "[c] c-1", "[c] c-2");

        var (stepExit, stepOut, _) = await CliAsync("logs", name, "--step", "b");
        Assert.Equal(0, stepExit);
        Assert.Contains("[b] b-1\n", stepOut, StringComparison.Ordinal);
        Assert.All(stepOut.TrimEnd('\n').Split('\n'), line => Assert.StartsWith("[b] ", line, StringComparison.Ordinal));

        var (unknownExit, _, unknownErr) = await CliAsync("logs", name, "--step", "zz");
        Assert.Equal((1, $"error: sequentialjob \"{name}\" has no step \"zz\" (its steps: a, b, c)\n"), (unknownExit, unknownErr));
    }

    [Fact]
    public async Task A_failing_run_makes_status_watch_exit_1_and_shows_the_skipped_step()
    {
        var name = Unique("fail");
        var file = WritePod(name, ("fetch", "echo fetched"), ("build", "echo broken >&2; exit 3"), ("publish", "echo never"));
        Assert.Equal(0, (await CliAsync("run", "-f", file)).ExitCode);

        var (exit, output, error) = await CliAsync("status", name, "-w");
        Assert.True(exit == 1, $"status -w exit {exit}: {error}\n{output}");
        var last = output.Split("\n\n").Last();
        Assert.True(last.StartsWith($"sequentialjob/{name}  phase: Failed  progress: 3/3", StringComparison.Ordinal), output);
        Assert.Equal(["fetch Succeeded 0", "build Failed 3", "publish Skipped -"], Rows(last));
        Assert.Contains("DependencyFailed", last, StringComparison.Ordinal);

        var (logsExit, logs, _) = await CliAsync("logs", name);
        Assert.Equal(0, logsExit);
        AssertStepLines(logs, "[fetch] fetched", "[build] broken");
        Assert.Contains("\n[publish] (skipped: DependencyFailed: ", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("never", logs, StringComparison.Ordinal);

        // Following a finished run prints the same and ends.
        var (followExit, followed, _) = await CliAsync("logs", name, "-f");
        Assert.Equal(0, followExit);
        Assert.Equal(logs, followed);
    }

    [Fact]
    public async Task Status_as_json_or_yaml_and_results_print_what_the_steps_reported()
    {
        var name = Unique("results");
        // 2 steps and the init container: 4096 bytes each, too little for the 5000-byte log.
        var file = WritePod(
            name,
            ("build", "echo 1.4.2 > $KUEUELEULEU_RESULTS/version; head -c 5000 /dev/zero | tr \"\\0\" x > $KUEUELEULEU_RESULTS/log"),
            ("check", "echo \"read $(wc -c < /kueueleuleu/results/build/log)\""));
        Assert.Equal(0, (await CliAsync("run", "-f", file)).ExitCode);
        Assert.Equal(0, (await CliAsync("status", name, "-w")).ExitCode);

        var (jsonExit, json, _) = await CliAsync("status", name, "-o", "json");
        Assert.Equal(0, jsonExit);
        var status = JsonNode.Parse(json)!.AsObject();
        Assert.Equal("Succeeded", (string?)status["phase"]);
        var build = status["steps"]!.AsArray().Single(s => (string?)s!["name"] == "build")!;
        var expected = JsonNode.Parse("""[{"name":"log","size":5000,"truncated":true},{"name":"version","value":"1.4.2\n","size":6}]""");
        Assert.True(JsonNode.DeepEquals(expected, build["results"]), build["results"]!.ToJsonString());

        var (yamlExit, yaml, _) = await CliAsync("status", name, "-o", "yaml");
        Assert.Equal(0, yamlExit);
        Assert.Contains("\nphase: Succeeded\n", yaml, StringComparison.Ordinal);
        Assert.True(yaml.Contains("\n  results:\n  - name: log\n    size: 5000\n    truncated: true\n", StringComparison.Ordinal), yaml);

        var (textExit, text, _) = await CliAsync("results", name);
        Assert.Equal(0, textExit);
        Assert.Equal(
            "STEP   NAME     VALUE\n" +
            "build  log      (truncated: 5000 bytes, not in the status; the whole file is /kueueleuleu/results/build/log in the Pod)\n" +
            "build  version  1.4.2\n",
            text);

        var (stepExit, stepJson, _) = await CliAsync("results", name, "--step", "check", "-o", "json");
        Assert.Equal((0, "[\n  {\n    \"step\": \"check\",\n    \"results\": []\n  }\n]\n"), (stepExit, stepJson));
        var (unknownExit, _, unknownErr) = await CliAsync("results", name, "--step", "zz");
        Assert.Equal((1, $"error: sequentialjob \"{name}\" has no step \"zz\" (its steps: build, check)\n"), (unknownExit, unknownErr));
        var (logsExit, logs, _) = await CliAsync("logs", name, "--step", "check");
        Assert.Equal((0, "[check] read 5000\n"), (logsExit, logs));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("status", "-w")]
    [InlineData("logs")]
    [InlineData("logs", "-f")]
    [InlineData("results")]
    [InlineData("status", "-o", "json")]
    public async Task An_unknown_name_is_one_line_and_exit_1(params string[] command)
    {
        var (exit, stdout, stderr) = await CliAsync([.. command, "no-such-sjob"]);
        Assert.Equal((1, "", $"error: sequentialjob \"no-such-sjob\" not found in namespace \"{cluster.Namespace}\"\n"), (exit, stdout, stderr));
    }

    [Fact]
    public async Task Run_refuses_an_existing_name_and_an_invalid_manifest_without_writing()
    {
        var name = Unique("dup");
        var file = WritePod(name, ("a", "true"));
        Assert.Equal(0, (await CliAsync("run", "-f", file)).ExitCode);
        var (exit, stdout, stderr) = await CliAsync("run", "-f", file);
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Equal($"error: sequentialjob \"{name}\" already exists in namespace \"{cluster.Namespace}\"; delete it (kubectl delete sjob {name} -n {cluster.Namespace}) or pass --name\n", stderr);

        // Two documents, the second invalid: the first is not created either.
        var first = Unique("first");
        var bundle = Path.Combine(workDir, "bundle.yaml");
        File.WriteAllText(bundle, File.ReadAllText(WritePod(first, ("a", "true"))) + "---\n" + File.ReadAllText(file).Replace("restartPolicy: Never", "restartPolicy: Always", StringComparison.Ordinal));
        (exit, stdout, stderr) = await CliAsync("run", "-f", bundle);
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Equal($"{bundle}: document 2 (Pod {name}): spec.restartPolicy: is 'Always', but a Job's Pod must be Never (the default) or OnFailure\n", stderr);
        Assert.Equal(1, (await cluster.Kubectl.TryRunAsync(["-n", cluster.Namespace, "get", "sjob", first])).ExitCode);

        // The server-side dry run catches the taken name of the second before the first is written.
        File.WriteAllText(bundle, File.ReadAllText(WritePod(first, ("a", "true"))) + "---\n" + File.ReadAllText(file));
        (exit, _, stderr) = await CliAsync("run", "-f", bundle);
        Assert.Equal(1, exit);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await cluster.Kubectl.TryRunAsync(["-n", cluster.Namespace, "get", "sjob", first])).ExitCode);
    }

    [Fact]
    public async Task Forbidden_is_one_line_and_exit_1()
    {
        var kubeconfig = await ServiceAccountKubeconfigAsync();
        var console = new TestConsole();
        var exit = await Task.Run(() => console.Run("status", "anything", "-n", cluster.Namespace, "--kubeconfig", kubeconfig));
        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorLines);
        Assert.StartsWith("error: forbidden: sequentialjobs.kueueleuleu.io \"anything\" is forbidden: User \"system:serviceaccount:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Works_as_a_kubectl_plugin()
    {
        var name = Unique("plugin");
        Assert.Equal(0, (await CliAsync("run", "-f", WritePod(name, ("only", "echo hi")))).ExitCode);
        var bin = Directory.CreateDirectory(Path.Combine(workDir, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "kubectl-sjob"), Path.Combine(Repository.Root, "hack", "kubectl-sjob"));
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["KUEUELEULEU_CLI"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "kueueleuleu.dll")}",
        };
        var found = await ProcessRunner.RunAsync(
            "kubectl", ["sjob", "status", name, "-n", cluster.Namespace, "--kubeconfig", cluster.Kubeconfig], timeout: TimeSpan.FromSeconds(60), environment: environment);
        Assert.True(found.ExitCode == 0, found.StandardError);
        Assert.StartsWith($"sequentialjob/{name}  phase: ", found.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\nSTEP  STATE", found.StandardOutput, StringComparison.Ordinal);

        var missing = await ProcessRunner.RunAsync(
            "kubectl", ["sjob", "status", "nope", "-n", cluster.Namespace, "--kubeconfig", cluster.Kubeconfig], timeout: TimeSpan.FromSeconds(60), environment: environment);
        Assert.Equal((1, $"error: sequentialjob \"nope\" not found in namespace \"{cluster.Namespace}\"\n"), (missing.ExitCode, missing.StandardError));
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        var console = new TestConsole();
        var run = Task.Run(() => console.Run([.. args, "-n", cluster.Namespace, "--kubeconfig", cluster.Kubeconfig]));
        if (await Task.WhenAny(run, Task.Delay(RunTimeout)) != run)
        {
            throw new TimeoutException($"kueueleuleu {string.Join(' ', args)} did not finish within {RunTimeout}\noperator:\n{cluster.OperatorOutput}");
        }

        return (await run, console.Stdout, console.Stderr);
    }

    private async Task<string?> StepStateAsync(string name, string step)
    {
        var (exit, stdout, _) = await cluster.Kubectl.TryRunAsync(["-n", cluster.Namespace, "get", "sjob", name, "-o", "json"]);
        if (exit != 0)
        {
            return null;
        }

        var steps = JsonNode.Parse(stdout)?["status"]?["steps"] as JsonArray;
        return (string?)steps?.FirstOrDefault(s => (string?)s?["name"] == step)?["state"];
    }

    private string WritePod(string name, params (string Name, string Script)[] steps)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{app: cli-test}}\nspec:\n  restartPolicy: Never\n  terminationGracePeriodSeconds: 1\n  containers:\n");
        foreach (var (step, script) in steps)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {step}\n    image: localhost/busybox:local\n    imagePullPolicy: IfNotPresent\n    command: [sh, -c, '{script}']\n");
        }

        var file = Path.Combine(workDir, name + ".yaml");
        File.WriteAllText(file, yaml.ToString());
        return file;
    }

    // A kubeconfig for the namespace's default service account, which has no RBAC rights on SequentialJobs.
    private async Task<string> ServiceAccountKubeconfigAsync()
    {
        var secret = (await cluster.Kubectl.RunAsync(["-n", cluster.Namespace, "get", "serviceaccount", "default", "-o", "jsonpath={.secrets[0].name}"])).Trim();
        var token = Encoding.UTF8.GetString(Convert.FromBase64String((await cluster.Kubectl.RunAsync(["-n", cluster.Namespace, "get", "secret", secret, "-o", "jsonpath={.data.token}"])).Trim()));
        var config = JsonNode.Parse(await cluster.Kubectl.RunAsync(["config", "view", "--raw", "--minify", "--flatten", "-o", "json"]))!.AsObject();
        config["users"]![0]!["user"] = new JsonObject { ["token"] = token };
        var file = Path.Combine(workDir, "sa.kubeconfig");
        File.WriteAllText(file, config.ToJsonString());
        return file;
    }

    // The table rows as "STEP STATE EXIT".
    private static string[] Rows(string block) =>
        block.TrimEnd('\n').Split('\n').Skip(2)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(cells => $"{cells[0]} {cells[1]} {cells[3]}")
            .ToArray();

    // Every line carries a step prefix, and the expected lines appear in this order.
    private static void AssertStepLines(string output, params string[] expected)
    {
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.Matches(@"^\[[a-z0-9-]+\] ", line));
        var positions = expected.Select(e => Array.IndexOf(lines, e)).ToArray();
        Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()), $"expected {string.Join(" | ", expected)} in order in:\n{output}");
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..5]}";
}
