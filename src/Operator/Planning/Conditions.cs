using Kueueleuleu.Entities;

namespace Kueueleuleu.Operator.Planning;

/// <summary>
/// The five conditions of a SequentialJob, from the run's summary:
/// <list type="table">
/// <listheader><term>situation</term><description>Complete, Failed, Ready, Reconciling, Stalled</description></listheader>
/// <item><term>Pending, Running</term><description>False, False, False, True, False</description></item>
/// <item><term>Suspended</term><description>False, False, False, False, False (kstatus: Current, not InProgress forever)</description></item>
/// <item><term>Succeeded</term><description>True, False, True, False, False</description></item>
/// <item><term>Failed</term><description>False, True, False, False, True</description></item>
/// <item><term>Blocked (InvalidSpec, JobNameTaken)</term><description>False, False, False, False, True</description></item>
/// </list>
/// Every condition carries the summary's reason and message. A spec change that cannot reach the Job makes
/// <c>Stalled</c> True with reason <see cref="ConditionReasons.SpecChangeIgnored"/> (or adds the note to the
/// message of a failure's <c>Stalled</c>), so GitOps tools do not report the new spec as applied.
/// <c>lastTransitionTime</c> changes only when a condition's status flips; every condition carries the generation.
/// </summary>
internal static class Conditions
{
    /// <summary>Builds the conditions, keeping the transition times of those whose status did not change.</summary>
    public static List<Condition> Build(Assessment assessment, IEnumerable<Condition>? old, long generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var previous = (old ?? []).GroupBy(c => c.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var summary = assessment.Summary;
        var situation = summary.Situation;
        var list = new List<Condition>();
        foreach (var type in ConditionTypes.All)
        {
            var holds = Holds(type, situation);
            var reason = summary.Reason;
            var message = summary.Message;
            if (type == ConditionTypes.Stalled && assessment.SpecChangeNote is { } note)
            {
                (holds, reason, message) = holds ? (true, reason, $"{message}; {note}") : (true, ConditionReasons.SpecChangeIgnored, note);
            }

            list.Add(Make(type, holds, reason, message, previous.GetValueOrDefault(type), generation, now));
        }

        return list;
    }

    /// <summary>A time cut to whole seconds, as Kubernetes writes condition times.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static bool Holds(string type, RunSituation situation) => type switch
    {
        ConditionTypes.Complete or ConditionTypes.Ready => situation == RunSituation.Succeeded,
        ConditionTypes.Failed => situation == RunSituation.Failed,
        ConditionTypes.Reconciling => situation is RunSituation.Pending or RunSituation.Running,
        ConditionTypes.Stalled => situation is RunSituation.Failed or RunSituation.Blocked,
        _ => false,
    };

    private static Condition Make(string type, bool holds, string reason, string message, Condition? old, long generation, DateTimeOffset now)
    {
        var status = holds ? ConditionStatus.True : ConditionStatus.False;
        return new Condition
        {
            Type = type,
            Status = status,
            ObservedGeneration = generation,
            LastTransitionTime = old is not null && old.Status == status ? old.LastTransitionTime : Truncate(now),
            Reason = reason,
            Message = message,
        };
    }
}
