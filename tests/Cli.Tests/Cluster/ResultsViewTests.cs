using Kueueleuleu.Cli.Cluster;
using Kueueleuleu.Cli.Output;

namespace Kueueleuleu.Cli.Tests.Cluster;

public sealed class ResultsViewTests
{
    private static readonly Kueueleuleu.Entities.SequentialJob Held = StatusView.Read(ClusterFixtures.Load("held.json"));

    [Fact]
    public void Text_lists_every_result_with_truncated_and_unreported_ones_pointing_at_the_volume()
    {
        Assert.Equal(
            """
            STEP   NAME       VALUE
            flaky  version    1.4.2
            flaky  notes      "two words\nand a line"
            flaky  sbom.json  (truncated: 9000 bytes, not in the status; the whole file is /kueueleuleu/results/flaky/sbom.json in the Pod)
            flaky  -          (2 more not reported: their names did not fit the step's termination message; see /kueueleuleu/results/flaky/ in the Pod)
            test   junit      failures=1

            """.ReplaceLineEndings("\n"),
            ResultsView.Text(ResultsView.Select(Held, null)));
    }

    [Fact]
    public void One_step_and_steps_without_results()
    {
        Assert.Equal("STEP  NAME   VALUE\ntest  junit  failures=1\n", ResultsView.Text(ResultsView.Select(Held, "test")));
        Assert.Equal(string.Empty, ResultsView.Text(ResultsView.Select(Held, "report")));
    }

    [Fact]
    public void An_unknown_step_names_the_steps()
    {
        var e = Assert.Throws<ClusterCommandException>(() => ResultsView.Select(Held, "nope"));
        Assert.Equal("sequentialjob \"ci\" has no step \"nope\" (its steps: flaky, test, report, publish)", e.Message);
    }

    [Fact]
    public void Json_keeps_values_exact_and_marks_truncation()
    {
        Assert.Equal(
            """
            [
              {
                "step": "flaky",
                "results": [
                  {
                    "name": "version",
                    "value": "1.4.2\n",
                    "size": 6
                  },
                  {
                    "name": "notes",
                    "value": "two words\nand a line",
                    "size": 20
                  },
                  {
                    "name": "sbom.json",
                    "size": 9000,
                    "truncated": true
                  }
                ],
                "resultsNotReported": 2
              },
              {
                "step": "test",
                "results": [
                  {
                    "name": "junit",
                    "value": "failures=1",
                    "size": 10
                  }
                ]
              }
            ]

            """.ReplaceLineEndings("\n"),
            DataFormat.Render(ResultsView.Data(ResultsView.Select(Held, null), includeEmpty: false), DataFormat.Json));
    }

    [Fact]
    public void Yaml_of_one_step_without_results_is_an_entry_with_an_empty_list()
    {
        Assert.Equal(
            "- step: report\n  results: []\n",
            DataFormat.Render(ResultsView.Data(ResultsView.Select(Held, "report"), includeEmpty: true), DataFormat.Yaml));
    }
}
