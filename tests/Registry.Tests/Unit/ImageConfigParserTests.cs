using System.Text;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.Tests.Support;

namespace Kueueleuleu.Registry.Tests.Unit;

public sealed class ImageConfigParserTests
{
    // Captured configs: file, ENTRYPOINT, CMD ("|" separates items; null: unset).
    [Theory]
    [InlineData("neither.config.json", null, null)]
    [InlineData("entrypoint-only.config.json", "/bin/echo|from-entrypoint", null)]
    [InlineData("cmd-only.config.json", null, "/bin/echo|from-cmd")]
    [InlineData("both.config.json", "/bin/echo|entry", "cmd")]
    [InlineData("multi-amd64.config.json", null, "/bin/echo|amd64")]
    [InlineData("multi-arm64.config.json", null, "/bin/echo|arm64")]
    public void Reads_captured_configs(string file, string? entrypoint, string? cmd)
    {
        Assert.True(ImageConfigParser.TryParse(Fixture.Captured(file), out var config, out var error), error);
        Assert.Equal(entrypoint?.Split('|'), config.Entrypoint);
        Assert.Equal(cmd?.Split('|'), config.Cmd);
        Assert.Null(config.WorkingDir);
    }

    [Fact]
    public void Reads_a_captured_docker_config()
    {
        Assert.True(ImageConfigParser.TryParse(Fixture.Captured("docker-v2s2.config.json"), out var config, out var error), error);
        Assert.True(config.Entrypoint is not null || config.Cmd is not null);
    }

    [Fact]
    public void A_null_config_section_sets_nothing()
    {
        Assert.True(ImageConfigParser.TryParse(Fixture.Written("docker-null-config.config.json"), out var config, out _));
        Assert.Equal(new ImageConfig(null, null, null), config);
    }

    [Fact]
    public void Keeps_an_empty_cmd_apart_from_an_unset_one_and_reads_the_working_dir()
    {
        Assert.True(ImageConfigParser.TryParse(Fixture.Written("workdir-empty-cmd.config.json"), out var config, out _));
        Assert.Equal([""], config.Entrypoint);
        Assert.NotNull(config.Cmd);
        Assert.Empty(config.Cmd);
        Assert.Equal("/app", config.WorkingDir);
    }

    [Theory]
    [InlineData("{}", null, null, null)]
    [InlineData("{\"config\":{}}", null, null, null)]
    [InlineData("{\"config\":{\"Entrypoint\":null,\"Cmd\":null,\"WorkingDir\":\"\"}}", null, null, null)]
    [InlineData("{\"config\":{\"entrypoint\":[\"/a\"],\"cmd\":[\"b\"],\"workingdir\":\"/w\"}}", "/a", "b", "/w")]
    public void Reads_fields_as_go_does(string body, string? entrypoint, string? cmd, string? workingDir)
    {
        Assert.True(ImageConfigParser.TryParse(Encoding.UTF8.GetBytes(body), out var config, out var error), error);
        Assert.Equal(entrypoint is null ? null : [entrypoint], config.Entrypoint);
        Assert.Equal(cmd is null ? null : [cmd], config.Cmd);
        Assert.Equal(workingDir, config.WorkingDir);
    }

    [Theory]
    [InlineData("{\"config\":{\"Entrypoint\":\"/bin/sh\"}}", "config.Entrypoint is a string, not an array of strings")]
    [InlineData("{\"config\":{\"Cmd\":[\"a\",1]}}", "config.Cmd is an array with non-string items, not an array of strings")]
    [InlineData("{\"config\":{\"WorkingDir\":[]}}", "config.WorkingDir is an array, not a string")]
    [InlineData("{\"config\":[]}", "config is an array, not an object")]
    [InlineData("null", "the document is null, not an object")]
    [InlineData("{\"config\":", "not valid JSON")]
    public void Says_what_is_wrong(string body, string reason)
    {
        Assert.False(ImageConfigParser.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_as_a_dockerfile_would()
    {
        Assert.Equal("ENTRYPOINT [\"/bin/echo\", \"say \\\"hi\\\"\"] CMD [] WORKDIR /app", new ImageConfig(["/bin/echo", "say \"hi\""], [], "/app").ToString());
        Assert.Equal("(no ENTRYPOINT, CMD or WORKDIR)", new ImageConfig(null, null, null).ToString());
    }
}
