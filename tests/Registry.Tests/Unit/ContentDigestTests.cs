using System.Text;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class ContentDigestTests
{
    [Fact]
    public void Computes_sha256_as_registries_do()
    {
        // sha256 of the empty string, the digest of every empty blob.
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentDigest.Compute([]).ToString());
    }

    [Fact]
    public void Computes_sha512_when_asked()
    {
        var digest = ContentDigest.Compute(Encoding.ASCII.GetBytes("abc"), "sha512");
        Assert.Equal("sha512", digest.Algorithm);
        Assert.StartsWith("ddaf35a193617aba", digest.Encoded, StringComparison.Ordinal);
        Assert.True(digest.Matches(Encoding.ASCII.GetBytes("abc")));
    }

    [Fact]
    public void Matches_only_the_same_bytes()
    {
        var digest = ContentDigest.Compute(Encoding.ASCII.GetBytes("{\"a\":1}"));
        Assert.True(digest.Matches(Encoding.ASCII.GetBytes("{\"a\":1}")));
        Assert.False(digest.Matches(Encoding.ASCII.GetBytes("{\"a\": 1}")));
    }

    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true)]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", true)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)]
    [InlineData("sha256:e3b0", false)]
    [InlineData("sha256:", false)]
    [InlineData(":e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("blake3:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    public void Parses_the_two_registered_algorithms(string text, bool valid)
    {
        Assert.Equal(valid, ContentDigest.TryParse(text, out var digest, out var error));
        Assert.Equal(valid, digest is not null);
        Assert.Equal(valid, error is null);
        if (valid)
        {
            Assert.Equal(text, digest!.ToString());
        }
    }
}
