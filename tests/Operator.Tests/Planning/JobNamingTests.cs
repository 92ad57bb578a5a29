using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

public sealed class JobNamingTests
{
    [Theory]
    [InlineData("build")]
    [InlineData("a23456789-123456789-123456789-123456789-123456789-123456789-123")]
    public void Names_that_fit_are_kept(string name) => Assert.Equal(name, JobNaming.JobName(name));

    [Fact]
    public void Long_names_are_cut_and_hashed_deterministically()
    {
        var name = new string('a', 60) + ".b-" + new string('c', 100);

        var job = JobNaming.JobName(name);

        Assert.Equal(job, JobNaming.JobName(name));
        Assert.True(job.Length <= 63, job);
        Assert.Matches("^a{54}-[0-9a-f]{8}$", job);
        Assert.Equal(job, JobNaming.LabelValue(name));
    }

    [Fact]
    public void Long_names_sharing_a_prefix_get_different_jobs()
    {
        var prefix = new string('x', 70);

        Assert.NotEqual(JobNaming.JobName(prefix + "-one"), JobNaming.JobName(prefix + "-two"));
    }

    [Fact]
    public void A_cut_never_leaves_a_dash_or_dot_before_the_hash()
    {
        var name = new string('a', 52) + "-." + new string('b', 20);

        Assert.Matches("^a{52}-[0-9a-f]{8}$", JobNaming.JobName(name));
    }

    [Fact]
    public void A_long_sequential_job_name_reaches_the_job_and_its_labels_cut()
    {
        var name = "release-" + new string('r', 80);
        var sequentialJob = World.SequentialJob(new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name } });

        var job = World.BuiltJob(sequentialJob);

        Assert.Equal(JobNaming.JobName(name), job["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(JobNaming.JobName(name), job["metadata"]!["labels"]!["kueueleuleu.io/sequentialjob"]!.GetValue<string>());
        Assert.Equal(name, job["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>());
    }
}
