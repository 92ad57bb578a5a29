using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.Yaml;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Yaml.Tests;

/// <summary>For every fixture, read(write(x)) is x, in YAML and in JSON, and writing is stable.</summary>
public class RoundTripTests
{
    public static TheoryData<string> Names => Fixtures.FidelityNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void YamlRoundTripIsExact(string name)
    {
        var documents = Codec.ReadAll(Fixtures.Read(name));
        var written = YamlWriter.Write(documents);
        var again = Codec.ReadAll(written);
        Assert.Equal(documents.Count, again.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            TreeAssert.Identical(documents[i], again[i]);
        }

        Assert.Equal(written, YamlWriter.Write(again));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void JsonRoundTripIsExact(string name)
    {
        foreach (var document in Codec.ReadAll(Fixtures.Read(name)))
        {
            var again = Codec.ReadOne(JsonWriter.Write([document]));
            TreeAssert.Identical(document, again);
        }
    }

    [Fact]
    public void CorpusIsLargeEnough() => Assert.True(Fixtures.FidelityFiles.Count() >= 12);
}
