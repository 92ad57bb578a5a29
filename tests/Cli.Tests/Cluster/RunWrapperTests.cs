using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.Cli.Commands;
using Kueueleuleu.Cli.Input;

namespace Kueueleuleu.Cli.Tests.Cluster;

public sealed class RunWrapperTests
{
    private static JsonObject Yaml(string yaml)
    {
        var read = Kueueleuleu.Yaml.ManifestReader.Read(yaml);
        Assert.Empty(read.Errors);
        return read.Documents.Single().Root.AsObject();
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    [Fact]
    public void Pod_spec_becomes_the_template_spec_and_its_labels_and_annotations_the_templates()
    {
        var result = RunWrapper.Wrap(Yaml("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: build
              namespace: ci
              uid: 0a1b
              resourceVersion: "42"
              labels: {app: demo}
              annotations:
                team: blue
                kueueleuleu.io/steps: '[{"name": "test", "after": ["compile"], "onError": "continue"}]'
            spec:
              restartPolicy: Never
              containers:
              - {name: compile, image: golang}
              - {name: test, image: golang, command: [go, test]}
            status: {phase: Pending}
            """));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        AssertJson("""
            {
              "apiVersion": "kueueleuleu.io/v1alpha1",
              "kind": "SequentialJob",
              "metadata": {"name": "build", "namespace": "ci"},
              "spec": {
                "backoffLimit": 0,
                "template": {
                  "metadata": {"labels": {"app": "demo"}, "annotations": {"team": "blue"}},
                  "spec": {
                    "restartPolicy": "Never",
                    "containers": [{"name": "compile", "image": "golang"}, {"name": "test", "image": "golang", "command": ["go", "test"]}]
                  }
                },
                "steps": [{"name": "test", "after": ["compile"], "onError": "continue"}]
              }
            }
            """, result.SequentialJob);
    }

    [Fact]
    public void Job_spec_becomes_the_spec_and_its_labels_and_annotations_the_sequential_jobs()
    {
        var result = RunWrapper.Wrap(Yaml("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: nightly
              labels: {team: blue}
              annotations: {owner: me}
            spec:
              backoffLimit: 2
              activeDeadlineSeconds: 600
              ttlSecondsAfterFinished: 60
              template:
                metadata:
                  labels: {app: nightly}
                  annotations:
                    kueueleuleu.io/steps: '[{"name": "b", "timeout": "5m"}]'
                spec:
                  containers:
                  - {name: a, image: busybox}
                  - {name: b, image: busybox}
            """), name: "renamed");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        AssertJson("""
            {
              "apiVersion": "kueueleuleu.io/v1alpha1",
              "kind": "SequentialJob",
              "metadata": {"name": "renamed", "labels": {"team": "blue"}, "annotations": {"owner": "me"}},
              "spec": {
                "backoffLimit": 2,
                "activeDeadlineSeconds": 600,
                "ttlSecondsAfterFinished": 60,
                "template": {
                  "metadata": {"labels": {"app": "nightly"}},
                  "spec": {"containers": [{"name": "a", "image": "busybox"}, {"name": "b", "image": "busybox"}]}
                },
                "steps": [{"name": "b", "timeout": "5m"}]
              }
            }
            """, result.SequentialJob);
    }

    [Fact]
    public void Pod_without_name_keeps_generate_name()
    {
        var result = RunWrapper.Wrap(Yaml("""
            apiVersion: v1
            kind: Pod
            metadata: {generateName: build-}
            spec: {containers: [{name: a, image: busybox}]}
            """));
        Assert.True(result.Succeeded);
        AssertJson("""{"generateName": "build-"}""", result.SequentialJob!["metadata"]);
    }

    [Fact]
    public void The_debug_annotation_of_the_template_becomes_spec_debug()
    {
        var result = RunWrapper.Wrap(Yaml("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: build
              annotations: {kueueleuleu.io/debug: OnFailure}
            spec:
              containers:
              - {name: test, image: golang, command: [go, test]}
            """));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("OnFailure", (string?)result.SequentialJob!["spec"]!["debug"]);
        Assert.Null(result.SequentialJob["spec"]!["template"]!["metadata"]?["annotations"]);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", "kind", "run wraps a v1 Pod or a batch/v1 Job")]
    [InlineData("apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: busybox}]}\n", "metadata.name", "pass --name NAME")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", "spec", "a Pod needs spec.containers")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {restartPolicy: Always, containers: [{name: a, image: busybox}]}\n", "spec.restartPolicy", "must be Never")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: []}\n", "spec.containers", "add one container per step")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: a, image: busybox}, {name: a, image: busybox}]}\n", "spec.containers[1].name", "")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x, annotations: {kueueleuleu.io/steps: '[{\"name\": \"zz\"}]'}}\nspec: {containers: [{name: a, image: busybox}]}\n", "metadata.annotations[kueueleuleu.io/steps][0].name", "'zz' is not a step")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x, annotations: {kueueleuleu.io/steps: '[{'}}\nspec: {containers: [{name: a, image: busybox}]}\n", "metadata.annotations[kueueleuleu.io/steps]", "is not valid JSON")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {initContainers: [{name: kueueleuleu-init, image: e}], containers: [{name: a, image: busybox}]}\n", "spec.initContainers", "already converted")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: a, image: busybox}]}}}\n", "spec.selector", "is not supported")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {parallelism: 3, template: {spec: {containers: [{name: a, image: busybox}]}}}\n", "spec.parallelism", "is 3")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {backoffLimit: many, template: {spec: {containers: [{name: a, image: busybox}]}}}\n", "spec.backoffLimit", "has the wrong type")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {template: {metadata: {annotations: {kueueleuleu.io/steps: '[{\"name\": \"a\", \"after\": [\"a\"]}]'}}, spec: {containers: [{name: a, image: busybox}]}}}\n", "spec.template.metadata.annotations[kueueleuleu.io/steps][0].after[0]", "cannot wait for itself")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {}\n", "spec.template", "needs a pod template")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x, annotations: {kueueleuleu.io/debug: Sometimes}}\nspec: {containers: [{name: a, image: busybox}]}\n", "metadata.annotations[kueueleuleu.io/debug]", "must be Never or OnFailure")]
    [InlineData("apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec: {debug: Never, template: {metadata: {annotations: {kueueleuleu.io/debug: OnFailure}}, spec: {containers: [{name: a, image: busybox}]}}}\n", "spec.template.metadata.annotations[kueueleuleu.io/debug]", "conflicts with spec.debug")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x, annotations: {kueueleuleu.io/debug: OnFailure}}\nspec: {containers: [{name: a, image: busybox, readinessProbe: {exec: {command: [\"true\"]}}}]}\n", "spec.containers[0].readinessProbe", "held")]
    public void Errors_name_the_field_of_the_input(string yaml, string path, string message)
    {
        var result = RunWrapper.Wrap(Yaml(yaml));
        Assert.False(result.Succeeded);
        Assert.Null(result.SequentialJob);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("spec.steps[0].after", "metadata.annotations[kueueleuleu.io/steps][0].after")]
    [InlineData("spec.template.spec.containers[2].image", "spec.containers[2].image")]
    [InlineData("spec.template.metadata.labels", "metadata.labels")]
    [InlineData("spec.templates", "spec.templates")]
    [InlineData("spec.backoffLimit", "spec.backoffLimit")]
    public void Paths_of_a_wrapped_pod_map_back_to_the_pod(string sequentialJobPath, string podPath) =>
        Assert.Equal(podPath, RunWrapper.InputPath(sequentialJobPath, RunWrapper.Shape.Pod));

    [Fact]
    public void Plan_reports_file_document_object_and_field()
    {
        var source = InputSource.FromText("pods.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: ok}
            spec: {containers: [{name: a, image: busybox}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: bad}
            spec: {restartPolicy: Always, containers: [{name: a, image: busybox}]}
            """);
        var (runs, errors) = RunCommand.Plan([source], name: null, namespaceFlag: null);
        Assert.Empty(runs);
        Assert.Equal(
            ["pods.yaml: document 2 (Pod bad): spec.restartPolicy: is 'Always', but a Job's Pod must be Never (the default) or OnFailure"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Plan_takes_the_namespace_from_the_flag_or_the_manifest_and_refuses_a_mismatch()
    {
        var pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ci}\nspec: {containers: [{name: a, image: busybox}]}\n";
        Assert.Equal("ci", RunCommand.Plan([InputSource.FromText("p.yaml", pod)], null, null).Runs.Single().Namespace);
        Assert.Equal("ci", RunCommand.Plan([InputSource.FromText("p.yaml", pod)], null, "ci").Runs.Single().Namespace);
        var (runs, errors) = RunCommand.Plan([InputSource.FromText("p.yaml", pod)], null, "prod");
        Assert.Empty(runs);
        Assert.Equal(["p.yaml: document 1 (Pod ci/a): metadata.namespace: is namespace \"ci\", which does not match -n prod; remove one of them"], errors.Select(e => e.ToString()));
        Assert.Null(RunCommand.Plan([InputSource.FromText("p.yaml", pod.Replace(", namespace: ci", "", StringComparison.Ordinal))], null, null).Runs.Single().Namespace);
    }

    [Fact]
    public void Plan_refuses_name_for_several_documents_and_empty_input()
    {
        var pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: busybox}]}\n";
        var (_, errors) = RunCommand.Plan([InputSource.FromText("p.yaml", pod + "---\n" + pod)], "x", null);
        Assert.Equal(["p.yaml: --name names one SequentialJob, but the input has 2 documents"], errors.Select(e => e.ToString()));
        (_, errors) = RunCommand.Plan([InputSource.FromText("empty.yaml", "# nothing\n")], null, null);
        Assert.Equal(["empty.yaml: no Pod or Job found"], errors.Select(e => e.ToString()));
    }
}
