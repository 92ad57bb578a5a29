using Kueueleuleu.Operator.Hosting;
using Xunit;

namespace Kueueleuleu.Operator.Tests.Hosting;

public sealed class IdleCompactionTests
{
    private const long MiB = 1024 * 1024;

    /// <summary>Checks in order: (idle, committed MiB, collect?), starting from a baseline.</summary>
    public static TheoryData<string, long, (bool Idle, long CommittedMiB, bool Collect)[]> Sequences => new()
    {
        // The measured case: 38 MiB after start-up, 159 MiB committed once 5,000 SequentialJobs had finished.
        { "a finished wave is returned after two idle checks", 38, [(false, 159, false), (true, 159, false), (true, 159, true)] },
        { "a pause between two events is not the end of a burst", 38, [(true, 159, false), (false, 160, false), (true, 160, false), (true, 160, true)] },
        { "growth under half the baseline is left alone", 100, [(true, 140, false), (true, 149, false), (true, 149, false)] },
        { "growth under 16 MiB is left alone on a small heap", 10, [(true, 25, false), (true, 25, false), (true, 26, true)] },
        { "busy controllers are never interrupted", 38, [(false, 300, false), (false, 300, false), (false, 300, false)] },
        { "memory that did not grow is never collected", 60, [(true, 60, false), (true, 60, false), (true, 59, false)] },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Collects_once_the_controllers_are_idle_and_memory_grew_by_half(string why, long baselineMiB, (bool Idle, long CommittedMiB, bool Collect)[] checks)
    {
        var policy = IdleCompaction.After(baselineMiB * MiB);
        foreach (var (idle, committed, want) in checks)
        {
            (policy, var collect) = policy.Observe(idle, committed * MiB);
            Assert.True(collect == want, $"{why}: idle {idle}, committed {committed} MiB: collect {collect}, want {want}");
        }
    }
}
