using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// Table-driven over Fixtures/Convert: NAME.input.json with either NAME.expected.json (the exact output text)
/// or NAME.errors.json (the exact error paths, in order, each with a phrase its message must contain).
/// </summary>
public sealed class ConvertFixtureTests
{
    private const string Folder = "Convert";

    public static TheoryData<string> Converted() => Only(".expected.json");

    public static TheoryData<string> Failing() => Only(".errors.json");

    [Theory]
    [MemberData(nameof(Converted))]
    public void Output_matches_the_expected_text(string name)
    {
        var input = Fixtures.Load(Folder, name + ".input.json");

        var result = ManifestConverter.Convert(input, new ConversionOptions());

        Assert.Empty(result.Errors);
        var expected = Fixtures.Text(Fixtures.Load(Folder, name + ".expected.json"));
        Assert.Equal(expected, Fixtures.Text(result.Document));
    }

    [Theory]
    [MemberData(nameof(Converted))]
    public void Converting_the_output_again_changes_nothing(string name)
    {
        var once = ManifestConverter.Convert(Fixtures.Load(Folder, name + ".input.json"), new ConversionOptions()).Document!;

        var twice = ManifestConverter.Convert(once, new ConversionOptions());

        Assert.True(twice.Succeeded, string.Join("\n", twice.Errors));
        Assert.Equal(Fixtures.Text(once), Fixtures.Text(twice.Document));
    }

    [Theory]
    [MemberData(nameof(Converted))]
    [MemberData(nameof(Failing))]
    public void The_input_is_not_modified(string name)
    {
        var input = Fixtures.Load(Folder, name + ".input.json");
        var before = Fixtures.Text(input);

        ManifestConverter.Convert(input, new ConversionOptions());

        Assert.Equal(before, Fixtures.Text(input));
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void Errors_name_every_problem_and_output_is_withheld(string name)
    {
        var input = Fixtures.Load(Folder, name + ".input.json");
        var expected = Fixtures.Load(Folder, name + ".errors.json").AsArray();

        var result = ManifestConverter.Convert(input, new ConversionOptions());

        Assert.Null(result.Document);
        Assert.False(result.Succeeded);
        Assert.Equal(
            expected.Select(e => (string)e!["path"]!).ToArray(),
            result.Errors.Select(e => e.Path).ToArray());
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Contains((string)expected[i]!["contains"]!, result.Errors[i].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_input_has_an_expectation()
    {
        var inputs = Fixtures.Names(Folder, ".input.json");
        var expectations = Fixtures.Names(Folder, ".expected.json").Concat(Fixtures.Names(Folder, ".errors.json")).ToList();

        Assert.NotEmpty(inputs);
        Assert.Equal(inputs, expectations.Order(StringComparer.Ordinal));
    }

    private static TheoryData<string> Only(string suffix) => Fixtures.Table(Fixtures.Names(Folder, suffix));
}
