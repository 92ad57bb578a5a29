using Kueueleuleu.Cli.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>The lookup's flags through the real entry point: bad values are usage errors, named paths must exist.</summary>
public sealed class LookupOptionsTests
{
    private const string Job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: a, image: alpine, command: [echo]}\n";

    [Theory]
    [InlineData("--platform", "linux", "--platform: \"linux\" is not a platform (expected os/architecture[/variant], such as linux/amd64 or linux/arm64/v8)")]
    [InlineData("--platform", "linux/arm64/v8/x", "--platform: \"linux/arm64/v8/x\" is not a platform")]
    [InlineData("--plain-http", "http://host:5000", "--plain-http takes a registry as image references name it (host or host:port), not \"http://host:5000\"")]
    [InlineData("--pin-images", "maybe", "maybe")]
    public void A_bad_value_is_a_usage_error(string flag, string value, string message)
    {
        var console = new TestConsole { Stdin = Job };

        Assert.Equal(2, console.Run("convert", flag, value));
        Assert.Equal(string.Empty, console.Stdout);
        Assert.Contains(message, console.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--authfile", "/nonexistent/auth.json", "error: --authfile names /nonexistent/auth.json, which does not exist")]
    [InlineData("--cert-dir", "/nonexistent/certs", "error: --cert-dir names /nonexistent/certs, which is not a directory")]
    public void A_path_named_by_a_flag_must_exist_even_when_nothing_is_looked_up(string flag, string path, string message)
    {
        var console = new TestConsole { Stdin = Job };

        Assert.Equal(1, console.Run("convert", flag, path));
        Assert.Equal(string.Empty, console.Stdout);
        Assert.Equal([message], console.ErrorLines);

        // --offline reads neither, so neither is checked.
        Assert.Equal(0, console.Run("convert", "--offline", flag, path));
    }

    [Fact]
    public void A_missing_REGISTRY_AUTH_FILE_is_an_error_only_when_a_lookup_needs_it()
    {
        var console = new TestConsole { Stdin = Job }.WithEnvironment("REGISTRY_AUTH_FILE", "/nonexistent/auth.json");
        Assert.Equal(0, console.Run("convert"));

        console.Stdin = Job.Replace(", command: [echo]", string.Empty, StringComparison.Ordinal).Replace("alpine", "127.0.0.1:1/alpine:1", StringComparison.Ordinal);
        Assert.Equal(1, console.Run("convert"));
        Assert.Equal(string.Empty, console.Stdout);
        Assert.Equal(
            ["<stdin>: document 1 (Job j): spec.template.spec.containers[0].image: the step 'a' has no command, so what its image '127.0.0.1:1/alpine:1' runs was looked up for linux/amd64, and that failed (credentials unreadable): cannot read registry credentials: /nonexistent/auth.json (named by $REGISTRY_AUTH_FILE) does not exist; fix the file, or name another with --authfile. Or give the step a command, which needs no lookup."],
            console.ErrorLines);
    }
}
