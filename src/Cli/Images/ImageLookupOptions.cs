using System.CommandLine;
using System.CommandLine.Parsing;
using Kueueleuleu.Registry.Manifests;

namespace Kueueleuleu.Cli.Images;

/// <summary>The flags of <c>convert</c> that shape the lookup of images, and how they are read.</summary>
internal sealed class ImageLookupOptions
{
    private readonly Option<bool> offline = new("--offline")
    {
        Description = "Ask no registry: a step without command is then an error, as it must say what it runs.",
    };

    private readonly Option<Platform> platform = new("--platform")
    {
        Description = "The platform to look images up for where the pod spec does not name one (nodeSelector kubernetes.io/os and kubernetes.io/arch, or required node affinity).",
        HelpName = "os/arch[/variant]",
        DefaultValueFactory = _ => Platform.LinuxAmd64,
        CustomParser = ParsePlatform,
    };

    private readonly Option<bool> pin = new("--pin-images")
    {
        Description = "Pin each step without command to the digest that was looked up, so that a tag moved later cannot make it run a command that is not its image's; --pin-images=false keeps the tag.",
        DefaultValueFactory = _ => true,
    };

    private readonly Option<string?> authFile = new("--authfile")
    {
        Description = $"A registry credentials file (Podman auth.json or Docker config.json) to search first, instead of ${AuthFileLocations.AuthFileVariable} or Podman's own file.",
        HelpName = "FILE",
    };

    private readonly Option<string?> certDir = new("--cert-dir")
    {
        Description = "A directory of CA certificates (*.crt) to trust for every registry, instead of the certs.d directories.",
        HelpName = "DIR",
    };

    private readonly Option<string[]> plainHttp = new("--plain-http")
    {
        Description = "A registry (host:port as in image references) to reach over plain HTTP although it is not on loopback. Repeatable.",
        HelpName = "HOST[:PORT]",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private ImageLookupOptions()
    {
        plainHttp.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length == 0 || t.Value.Contains('/', StringComparison.Ordinal) || t.Value.Any(char.IsWhiteSpace)))
            {
                result.AddError($"--plain-http takes a registry as image references name it (host or host:port), not \"{token.Value}\"");
            }
        });
    }

    /// <summary>Creates the flags.</summary>
    public static ImageLookupOptions Create() => new();

    /// <summary>Adds the flags to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(offline);
        command.Options.Add(platform);
        command.Options.Add(pin);
        command.Options.Add(authFile);
        command.Options.Add(certDir);
        command.Options.Add(plainHttp);
    }

    /// <summary>The settings a parsed command line gives.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The settings.</returns>
    public ImageLookupSettings Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ImageLookupSettings(
            result.GetValue(offline),
            result.GetValue(platform) ?? Platform.LinuxAmd64,
            result.GetValue(pin),
            result.GetValue(authFile),
            result.GetValue(certDir),
            result.GetValue(plainHttp) ?? []);
    }

    private static Platform? ParsePlatform(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
        if (Platform.TryParse(text, out var parsed, out var error))
        {
            return parsed;
        }

        result.AddError($"--platform: {error}");
        return null;
    }
}
