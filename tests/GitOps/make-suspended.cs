#:project ../../src/Operator/Kueueleuleu.Operator.csproj
#:property PublishAot=false

// Builds testdata/suspended.yaml with the operator's own pure planner (ReconcilePlanner.Plan), because Kubernetes 1.20
// (the local cluster) has no Job suspend. Inputs (tests/GitOps/suspended-inputs/, written by capture.sh): the running
// three-steps SequentialJob as captured, its Job and its Pods at that moment. The user's `spec.suspend: true` is applied
// to the SequentialJob (generation + 1, as the API server does for a spec change) and, as a >= 1.21 server would after
// the operator's patch, to the Job (spec.suspend, the operator's kueueleuleu.io/suspend annotation, the Job controller's
// Suspended condition). The planner's status replaces the captured one; everything else is the captured object.
// Run: dotnet run tests/GitOps/make-suspended.cs   (prints the object as JSON; capture.sh's caller converts it)
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

var dir = Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory(), "suspended-inputs");
var sjob = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "running-sjob.json")))!.AsObject();
var job = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "running-job.json")))!.AsObject();
var pods = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "running-pods.json")))!["items"]!.AsArray()
    .Select(p => p!.AsObject()).ToList();

// Two seconds after the latest time in the captured status (a step start): the user suspends the run mid-step.
var captured = sjob["status"]!.AsObject().Select(p => p.Value)
    .Concat(sjob["status"]!["conditions"]!.AsArray().SelectMany(c => c!.AsObject().Select(p => p.Value)))
    .Concat(sjob["status"]!["steps"]!.AsArray().SelectMany(s => s!.AsObject().Select(p => p.Value)))
    .Select(v => v is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && text.Contains('T', StringComparison.Ordinal) ? time : DateTimeOffset.MinValue)
    .Max();
var now = captured.AddSeconds(2);

var metadata = sjob["metadata"]!.AsObject();
metadata["generation"] = (long)metadata["generation"]! + 1;
sjob["spec"]!["suspend"] = true;

job["spec"]!["suspend"] = true;
var annotations = job["metadata"]!["annotations"]?.AsObject() ?? [];
job["metadata"]!["annotations"] = annotations;
annotations["kueueleuleu.io/suspend"] = "true";
var jobStatus = job["status"]!.AsObject();
var jobConditions = jobStatus["conditions"]?.AsArray() ?? [];
jobStatus["conditions"] = jobConditions;
jobConditions.Add(new JsonObject
{
    ["type"] = "Suspended",
    ["status"] = "True",
    ["reason"] = "JobSuspended",
    ["message"] = "Job suspended",
    ["lastProbeTime"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    ["lastTransitionTime"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
});

var operatorAssembly = Assembly.Load("kueueleuleu-operator");
Type Internal(string name) => operatorAssembly.GetType("Kueueleuleu.Operator.Planning." + name, throwOnError: true)!;
var settings = Internal("ReconcileSettings").GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
var input = Activator.CreateInstance(Internal("ReconcileInput"), sjob, job, (IReadOnlyList<JsonObject>)pods, now, settings);
var plan = Internal("ReconcilePlanner").GetMethod("Plan", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [input]);
var status = (JsonObject?)plan!.GetType().GetProperty("Status")!.GetValue(plan)
    ?? throw new InvalidOperationException("the planner changed nothing");
sjob["status"] = status.DeepClone();
Console.WriteLine(sjob.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
