using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.StepProtocol.Tests.ImageCommands;

public sealed class EffectiveCommandTests
{
    // ENTRYPOINT, CMD, args ("|" separates items, "~" is null, "" an empty list) → command part, args part
    [Theory]
    [InlineData("/bin/echo|from-entrypoint", "~", "~", "/bin/echo|from-entrypoint", "")]
    [InlineData("~", "/bin/echo|from-cmd", "~", "", "/bin/echo|from-cmd")]
    [InlineData("/bin/echo|entry", "cmd", "~", "/bin/echo|entry", "cmd")]
    [InlineData("/bin/echo|entry", "cmd", "mine|--flag", "/bin/echo|entry", "mine|--flag")]
    [InlineData("~", "/bin/echo|from-cmd", "/bin/true", "", "/bin/true")]
    [InlineData("~", "~", "/bin/sh|-c|exit 0", "", "/bin/sh|-c|exit 0")]
    [InlineData("/bin/echo|entry", "cmd", "", "/bin/echo|entry", "cmd")]
    [InlineData("", "/bin/echo|from-cmd", "~", "", "/bin/echo|from-cmd")]
    [InlineData("<empty>", "/bin/echo|from-cmd", "~", "", "/bin/echo|from-cmd")]
    [InlineData("<empty>", "/bin/echo|from-cmd", "-n|x", "", "-n|x")]
    [InlineData("/entry", "", "~", "/entry", "")]
    public void Runs_what_the_kubelet_runs(string entrypoint, string cmd, string args, string command, string arguments)
    {
        var resolved = EffectiveCommand.Resolve(List(entrypoint), List(cmd), List(args));
        Assert.True(resolved.Succeeded, resolved.Error);
        Assert.Equal(Items(command), resolved.Command);
        Assert.Equal(Items(arguments), resolved.Arguments);
        Assert.Equal([.. Items(command), .. Items(arguments)], resolved.Argv);
    }

    [Theory]
    [InlineData("~", "~", "~")]
    [InlineData("", "", "")]
    [InlineData("<empty>", "~", "~")]
    [InlineData("<empty>", "", "")]
    public void Nothing_to_run_is_an_error(string entrypoint, string cmd, string args)
    {
        var resolved = EffectiveCommand.Resolve(List(entrypoint), List(cmd), List(args));
        Assert.False(resolved.Succeeded);
        Assert.Contains("neither ENTRYPOINT nor CMD", resolved.Error, StringComparison.Ordinal);
        Assert.Contains("no command specified", resolved.Error, StringComparison.Ordinal);
        Assert.Empty(resolved.Argv);
    }

    [Theory]
    [InlineData("echo $(HOME)", "echo $$(HOME)")]
    [InlineData("$$", "$$$$")]
    [InlineData("a$", "a$$")]
    [InlineData("no dollars", "no dollars")]
    public void Escapes_image_text_for_the_kubelets_expansion(string text, string escaped) =>
        Assert.Equal(escaped, KubeletExpansion.Escape(text));

    // "<empty>" is ENTRYPOINT [""]: one empty string.
    private static string[]? List(string text) => text switch
    {
        "~" => null,
        "" => [],
        "<empty>" => [""],
        _ => text.Split('|'),
    };

    private static string[] Items(string text) => text.Length == 0 ? [] : text.Split('|');
}
