using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

/// <summary>
/// One planner case, from a <c>*.scenario.json</c> file:
/// <code>
/// {
///   "sequentialJobPatch": {...},   merge patch onto sequentialjob.json (optional)
///   "edit": {...},                 merge patch onto the SequentialJob after the previous reconciles (a user's edit);
///                                  fixture Jobs are always built from the SequentialJob before it
///   "previous": [{"job": "job-active.json", "pods": ["pod-running.json"], "now": "..."}],
///                                  reconciles planned and applied (status written) first, in order
///   "job": "job-active.json",      the Job now (absent or null: none)
///   "pods": ["pod-running.json"],  its Pods now
///   "jobAbsenceConfirmed": true,   the server said there is no Job (optional)
///   "jobCreateRefusal": {"code": 403, "reason": "Forbidden", "message": "..."},   the last create was refused (optional)
///   "jobEvents": ["event-failed-create.json"],   Warning Events about the Job (optional)
///   "now": "2026-11-23T08:01:30Z",
///   "expect": {
///     "jobToCreate": false, "jobPatch": null,
///     "status": {...},             a subset of the planned status (objects: listed fields; arrays: whole)
///     "conditions": {"Ready": "False Running"},   status and reason per type
///     "messages": {"Failed": "..."},              exact condition messages
///     "events": ["Warning StepFailed: ..."],      exactly these, in order
///     "delete": false, "requeueAfterSeconds": 60   (null: no requeue)
///     "verifyJobAbsence": true,    the plan asks to read the Job from the server first
///     "jobToDelete": true          the plan deletes the Job (its TTL expired)
///   }
/// }
/// </code>
/// </summary>
internal sealed class Scenario
{
    private readonly JsonObject _file;

    private Scenario(string name, JsonObject file)
    {
        Name = name;
        _file = file;
    }

    public string Name { get; }

    public JsonObject Expect => _file["expect"]!.AsObject();

    public static Scenario Load(string name) => new(name, World.Load(name + ".scenario.json"));

    public static IEnumerable<string> All() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Reconciliation"), "*.scenario.json")
            .Select(f => Path.GetFileName(f)[..^".scenario.json".Length])
            .Order(StringComparer.Ordinal);

    /// <summary>Runs the previous reconciles and returns the input of the last one.</summary>
    public ReconcileInput Input()
    {
        var patch = _file["sequentialJobPatch"] as JsonObject;
        var sequentialJob = World.SequentialJob(patch);
        var jobSource = sequentialJob;
        foreach (var step in (_file["previous"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var input = Build(sequentialJob, jobSource, step);
            sequentialJob = World.Apply(sequentialJob, ReconcilePlanner.Plan(input));
        }

        return Build(MergePatch.Apply(sequentialJob, _file["edit"] as JsonObject), jobSource, _file);
    }

    private static ReconcileInput Build(JsonObject sequentialJob, JsonObject jobSource, JsonObject step)
    {
        var job = step["job"]?.GetValue<string>() is { } jobFile ? World.Job(jobFile, jobSource) : null;
        var pods = (step["pods"] as JsonArray ?? []).Select(p => World.Pod(p!.GetValue<string>(), job!)).ToList();
        var refusal = step["jobCreateRefusal"] is JsonObject r
            ? new ApiRefusal(r["code"]!.GetValue<int>(), r["reason"]!.GetValue<string>(), r["message"]!.GetValue<string>())
            : null;
        var events = (step["jobEvents"] as JsonArray ?? []).Select(e => World.Load(e!.GetValue<string>())).ToList();
        return World.Input(sequentialJob, job, pods, World.Time(step["now"]!.GetValue<string>())) with
        {
            JobAbsenceConfirmed = step["jobAbsenceConfirmed"]?.GetValue<bool>() ?? false,
            JobCreateRefusal = refusal,
            JobEvents = events,
        };
    }

    public override string ToString() => Name;
}
